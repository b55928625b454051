/**
 * The flags the server's Node.js runs with, wherever it is started: `npm start` (scripts/start.js),
 * the Docker image (Dockerfile's CMD, checked against this list by test/e2e/deploy.e2e.ts) and the
 * load benchmarks (test/bench), which run a checkout's server as that checkout starts it.
 *
 * --max-semi-space-size=64: V8's young generation may grow to 64 MB per semi-space (Node 20's
 *   default limit is 16 MB). A burst of ballots allocates a lot that lives only until its batch is
 *   committed (the rows, their audit entries, the batch's SQL text, the pending acknowledgements);
 *   with the small young generation much of it survived two scavenges, was promoted and had to be
 *   collected again from the old generation. Measured in one sitting, 10,000 phones in 1 s,
 *   alternating with and without (docs/performance.md, issue 13): burst p99 median 820 against
 *   1,074 ms over seven pairs, lower in six; CPU per ballot 3-8 % lower. The space grows only when
 *   the load needs it; at rest the server's memory is as before.
 */
module.exports = { SERVER_NODE_FLAGS: ['--max-semi-space-size=64'] };
