/* global afterAll */
// setupFilesAfterEnv of the e2e projects: a suite fails when a query was sent on a node-postgres
// client while another query was still waiting on it (a Promise.all on one transaction's manager,
// which has one connection). node-postgres deprecates that (removed in pg@9) and warns only once
// per process, so its condition is checked on every query here, and its warning is caught too.
const { Client } = require('pg');

const seen = [];
const original = Client.prototype.query;
if (!original.__checkedForParallel) {
  Client.prototype.query = function query(...args) {
    // The same condition as node-postgres's own deprecation notice (lib/client.js).
    if (Array.isArray(this._queryQueue) && this._queryQueue.length > 0 && !this.pipeline) {
      seen.push(new Error('A query was sent while another was still waiting on the same PostgreSQL client').stack);
    }
    return original.apply(this, args);
  };
  Client.prototype.query.__checkedForParallel = true;
}
const onWarning = (warning) => {
  if (warning.name === 'DeprecationWarning' && /client\.query\(\) when the client is already executing a query/.test(warning.message)) seen.push(warning.stack);
};
process.on('warning', onWarning);

afterAll(() => {
  process.off('warning', onWarning);
  if (seen.length > 0) {
    throw new Error(`${seen.length} PostgreSQL queries were sent in parallel on one client (a Promise.all inside a transaction?); make them sequential. First:\n${seen[0]}`);
  }
});
