/**
 * `npm test`: lint, type checks (tsc and svelte-check), build, then every Jest suite (unit, e2e,
 * browser). It always runs every step, prints what failed, and ends with the line CI reads:
 * `N passed, N failed` (Jest tests plus the lint, type-check and build steps).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const results = path.join(ROOT, '.cache', 'jest-results.json');
const steps = [
  { name: 'lint', cmd: ['npm', 'run', 'lint', '--silent'] },
  { name: 'type check', cmd: ['npm', 'run', 'typecheck', '--silent'] },
  { name: 'build', cmd: ['node', 'scripts/build-if-needed.js'] },
];

let passed = 0;
let failed = 0;
const failures = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: ROOT, stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(step.name);
  }
}

console.log('\n=== jest (unit, e2e, browser) ===');
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });
const jest = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
if (fs.existsSync(results)) {
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  const crashed = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + crashed;
  if (r.numFailedTests + crashed > 0) failures.push('jest');
} else {
  failed++;
  failures.push('jest (no results written)');
}
if (jest.status !== 0 && !failures.includes('jest')) {
  failed++;
  failures.push(`jest exited with ${jest.status}`);
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
