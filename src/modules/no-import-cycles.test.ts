import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const modulesDir = path.dirname(fileURLToPath(import.meta.url));

/** Which module folders each module folder imports (tests left out: they may use any feature). */
function readModuleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of readdirSync(modulesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const from = path.relative(modulesDir, file).split(path.sep)[0]!;
    if (from === entry.name) continue; // a file at the top of modules/, like routes.ts
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = path.relative(modulesDir, path.resolve(path.dirname(file), match[1]!)).split(path.sep);
      if (target.length > 1 && target[0] !== '..' && target[0] !== from) targets.add(target[0]!);
    }
  }
  return graph;
}

/** Groups of module folders that reach each other through imports (Tarjan's strongly connected components). */
function findCycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

// Imports against the direction that were there when this test came (each closes a cycle); issue 11
// removed the last of them. Add none: move the orchestration up (callbacks), pass a function in, or
// put a shared building block below the features (src/db/walls.ts).
const knownBackImports: string[] = [];

test('module folders import each other in one direction only', () => {
  const graph = readModuleGraph();
  const stale = knownBackImports.filter((edge) => {
    const [from, to] = edge.split(' -> ') as [string, string];
    return !graph.get(from)?.delete(to);
  });
  assert.deepEqual(stale, [], 'these imports are gone: take them off knownBackImports');
  assert.deepEqual(findCycles(graph), []);
});

test('a cycle through three module folders is found', () => {
  const graph = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
    ['d', new Set(['a'])],
  ]);
  assert.deepEqual(findCycles(graph), [['a', 'b', 'c']]);
});
