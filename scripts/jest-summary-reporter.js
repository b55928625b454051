/**
 * Prints the closing line CI reads, on stdout: `N passed, N failed`. A test file that crashes
 * before running any test counts as one failure, so a broken suite can never look green.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const crashed = results.testResults.filter((r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0)).length;
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + crashed;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
