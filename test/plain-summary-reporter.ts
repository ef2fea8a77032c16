/**
 * Ends the run with one plain line, "Tests: N passed, N failed[, N skipped]", which CI reads to know
 * that tests ran (it does not parse vitest's own summary). A run with unhandled errors counts them as failures.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const count = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const module of testModules) {
      // A file that failed to load has no tests: count it as a failure, not as nothing.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) count.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
    }
    const skipped = count.skipped ? `, ${count.skipped} skipped` : '';
    process.stdout.write(`\nTests: ${count.passed} passed, ${count.failed} failed${skipped}\n`);
  }
}
