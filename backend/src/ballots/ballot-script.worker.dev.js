/**
 * Runs the ballot script worker from the TypeScript sources (tests, `npm run dev`), where no
 * compiled `ballot-script.worker.js` exists: registers ts-node (transpile only) and loads
 * `@buurtjury/shared` from its sources, as Jest does, so a stale or missing `shared/dist` cannot
 * matter. The built app never loads this file.
 */
const Module = require('node:module');
const path = require('node:path');

require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', '..', 'tsconfig.json') });

const sharedSource = path.join(__dirname, '..', '..', '..', 'shared', 'src', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@buurtjury/shared' ? sharedSource : request, ...rest);
};

require('./ballot-script.worker.ts');
