// Builds the web application into web/dist with Vite (`npm run build`). `--if-stale` (used by
// `npm start`) does nothing when web/dist is newer than every source file, so a second start costs
// a few ms, and never builds in production: there Vite is a dev dependency that is not installed,
// and web/dist comes from `npm run build` beforehand (or the image's build stage).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  if (!existsSync(path.join(web, 'src'))) return false; // a runtime image carries web/dist only
  const built = statSync(builtIndex).mtimeMs;
  const sources = Math.max(
    newestSource(path.join(web, 'src')),
    statSync(path.join(web, 'index.html')).mtimeMs,
    statSync(path.join(web, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (process.argv.includes('--if-stale')) {
  if (process.env.NODE_ENV === 'production' || !existsSync(vite)) {
    if (!existsSync(builtIndex)) {
      console.warn(
        'web/dist is missing: the API runs, the web application does not. Run `npm run build` ' +
          'where dev dependencies are installed and copy web/dist here.',
      );
    }
    process.exit(0);
  }
  if (!isStale()) process.exit(0);
}

if (!existsSync(vite)) {
  console.error('Cannot build the web application: Vite is not installed. Run `npm install` first.');
  process.exit(1);
}
console.log('Building the web application (web/dist)…');
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
