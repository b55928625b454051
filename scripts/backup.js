/** `npm run backup -- <target file>`: builds what is missing, then copies the database safely while the server runs (backend/src/cli/backup.ts). */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { buildIfNeeded } = require('./build-if-needed');

buildIfNeeded({ log: (line) => process.stderr.write(`${line}\n`) });
// The target is relative to where the command was given, not to this folder.
const args = process.argv.slice(2).map((a) => (a.startsWith('-') ? a : path.resolve(process.env.INIT_CWD ?? process.cwd(), a)));
const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'backend', 'dist', 'cli', 'backup.js'), ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
