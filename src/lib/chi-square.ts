// The chi-square test of counts against an even spread (the Tier 3 fairness report), and the
// distribution's survival function it needs: P(X ≥ x) for X ~ χ²(k) is the regularized upper
// incomplete gamma function Q(k/2, x/2), computed as in Numerical Recipes (§6.2): a series below
// a + 1, a continued fraction above, each where it converges fast and stays accurate.

const epsilon = 1e-15;
const tiny = 1e-300;
const maxIterations = 10_000;

// Lanczos approximation, g = 7, n = 9 (about 15 significant digits for positive arguments).
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const shifted = z - 1;
  let sum = lanczos[0]!;
  for (let i = 1; i < lanczos.length; i++) sum += lanczos[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** e^{-x} x^a / Γ(a): the factor both expansions share, in logs so large a and x do not overflow. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** P(a, x) by its series; converges quickly for x < a + 1. */
function lowerBySeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < maxIterations; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * epsilon) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x ≥ a + 1. */
function upperByFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxIterations; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return h * gammaPrefactor(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function upperRegularizedGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`Q(a, x) needs a > 0 and x ≥ 0 (got a = ${a}, x = ${x})`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - lowerBySeries(a, x) : upperByFraction(a, x);
}

/** P(X ≥ statistic) for X ~ χ² with the given degrees of freedom: the test's p-value. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0))
    throw new RangeError(`degrees of freedom must be positive (got ${degreesOfFreedom})`);
  if (!(statistic >= 0)) throw new RangeError(`a chi-square statistic is not negative (got ${statistic})`);
  return Math.min(1, Math.max(0, upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2)));
}

export type UniformTest = {
  total: number;
  /** The count each category would have if the total were spread evenly. */
  expected: number;
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
};

/**
 * Pearson's chi-square goodness-of-fit test of counts against an even spread over the categories.
 * Null when there is nothing to test: fewer than two categories, or no counts at all.
 */
export function testAgainstUniform(counts: readonly number[]): UniformTest | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (counts.length < 2 || total === 0) return null;
  const expected = total / counts.length;
  const statistic = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
  const degreesOfFreedom = counts.length - 1;
  return {
    total,
    expected,
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
  };
}
