/** `npm run verify -- <evening id or join code>`: builds what is missing, then checks the evening's audit trail (backend/src/cli/verify.ts). */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { buildIfNeeded } = require('./build-if-needed');

buildIfNeeded({ log: (line) => process.stderr.write(`${line}\n`) });
const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'backend', 'dist', 'cli', 'verify.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
