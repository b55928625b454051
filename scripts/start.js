/** `npm start`: builds what is missing, then runs the server (REST API, socket.io and the app on one port). */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { buildIfNeeded } = require('./build-if-needed');
const { SERVER_NODE_FLAGS } = require('./server-node-flags');

buildIfNeeded();
const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(__dirname, '..', 'backend', 'dist', 'main.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
