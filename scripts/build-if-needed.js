/**
 * Builds each workspace package whose build is missing or older than its sources, in dependency
 * order (shared, backend, frontend). Used by `npm start` and `npm test`, so a fresh clone needs
 * only `npm install` first.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES = [
  { name: 'shared', inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'] },
  { name: 'backend', inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], after: ['shared'] },
  { name: 'frontend', inputs: ['src', 'index.html', 'phone', 'package.json', 'vite.config.ts', 'vite.phone.config.ts', 'tsconfig.json', 'public'], after: ['shared'] },
];
const STAMP = '.build-stamp';

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIfNeeded({ log = console.log } = {}) {
  const rebuilt = new Set();
  for (const pkg of PACKAGES) {
    const dir = path.join(ROOT, pkg.name);
    const stamp = path.join(dir, 'dist', STAMP);
    const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
    const sources = Math.max(...pkg.inputs.map((i) => newestMtime(path.join(dir, i))));
    const dependencyRebuilt = (pkg.after ?? []).some((d) => rebuilt.has(d));
    if (built > sources && !dependencyRebuilt) continue;
    log(`Building ${pkg.name} ...`);
    execFileSync('npm', ['run', 'build', '-w', pkg.name, '--silent'], { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, new Date().toISOString());
    rebuilt.add(pkg.name);
  }
}

module.exports = { buildIfNeeded };
if (require.main === module) buildIfNeeded();
