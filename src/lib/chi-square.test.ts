import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquareSurvival, logGamma, testAgainstUniform } from './chi-square.ts';

// Known values: critical values from the standard tables, closed forms (even degrees of freedom:
// e^{-x/2} Σ (x/2)^i / i!; one degree: erfc(√(x/2))), and SciPy 1.17 `chi2.sf` for the rest.
const survivalTable: [statistic: number, df: number, p: number][] = [
  [0, 1, 1],
  [0, 7, 1],
  [3.841458820694124, 1, 0.05],
  [6.634896601021214, 1, 0.01],
  [1, 1, 0.31731050786291404],
  [4, 1, 0.045500263896358396],
  [0.01, 1, 0.920344325445942],
  [5.991464547107979, 2, 0.05],
  [9.21034037197618, 2, 0.01],
  [1e-6, 2, 0.999999500000125],
  [7.814727903251178, 3, 0.05],
  [0.5, 3, 0.9188914116546758],
  [2, 4, 0.7357588823428847],
  [9.487729036781154, 4, 0.05],
  [11.070497693516351, 5, 0.05],
  [10, 6, 0.12465201948308113],
  [3.2, 7, 0.8659047417360984],
  [25, 9, 0.002971180485917624],
  [18.307038053275146, 10, 0.05],
  [50, 30, 0.012402060718900584],
  [100, 100, 0.4811916845279572],
  [150, 100, 0.0009039320423540184],
  [1.5, 0.5, 0.10006348671550179],
];

test('the chi-square survival function matches known values', () => {
  for (const [statistic, df, p] of survivalTable) {
    const got = chiSquareSurvival(statistic, df);
    assert.ok(
      Math.abs(got - p) <= 1e-9 * Math.max(1, p) + 1e-12,
      `χ²(${df}) ≥ ${statistic}: ${got}, want ${p}`,
    );
  }
});

test('far tails keep their relative precision', () => {
  const p = chiSquareSurvival(300, 5);
  const want = 1.0015302305957817e-62;
  assert.ok(Math.abs(p - want) / want < 1e-8, `${p}`);
});

test('ln Γ matches factorials and Γ(1/2) = √π', () => {
  for (const [z, want] of [
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3628800)],
    [0.5, 0.5 * Math.log(Math.PI)],
  ] as const) {
    assert.ok(Math.abs(logGamma(z) - want) < 1e-12, `ln Γ(${z}) = ${logGamma(z)}`);
  }
});

test('out-of-range arguments are refused, not answered', () => {
  assert.throws(() => chiSquareSurvival(-1, 2), RangeError);
  assert.throws(() => chiSquareSurvival(1, 0), RangeError);
  assert.throws(() => chiSquareSurvival(Number.NaN, 2), RangeError);
});

test('counts against an even spread', () => {
  const even = testAgainstUniform([10, 10, 10, 10]);
  assert.deepEqual(even, { total: 40, expected: 10, statistic: 0, degreesOfFreedom: 3, pValue: 1 });

  // (20-10)² / 10 + (0-10)² / 10 = 20 with one degree of freedom.
  const skewed = testAgainstUniform([20, 0])!;
  assert.equal(skewed.statistic, 20);
  assert.equal(skewed.degreesOfFreedom, 1);
  assert.ok(skewed.pValue < 1e-5);

  // Expected 12 each: (18-12)²/12 + (6-12)²/12 + 0 = 6, df 2: p = e^{-3}.
  const three = testAgainstUniform([18, 6, 12])!;
  assert.equal(three.statistic, 6);
  assert.ok(Math.abs(three.pValue - Math.exp(-3)) < 1e-12);

  assert.equal(testAgainstUniform([7]), null, 'one associate: nothing to compare');
  assert.equal(testAgainstUniform([0, 0, 0]), null, 'no assignments: nothing to test');
  assert.equal(testAgainstUniform([]), null);
});
