// @ts-check
/**
 * Mutation testing (`npm run mutate`): Stryker changes the code in small ways (a `<` for a `<=`, a
 * string emptied, a branch dropped) and runs the unit tests on each change; a change no test notices
 * is a behaviour no test holds. Not part of CI (.ci/run): a run takes far longer than the suite.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // Only the fast unit tests: the e2e, JVM and external-tool tests are left out there, with why.
  vitest: { configFile: 'vitest.stryker.config.ts' },
  // The logic a person depends on: the plan and its waits, the IAM policy, the AWS edge, the wizard's
  // steps and words. The other folders (screens, components, CLI, service, IaC) are left out to keep
  // a run under an hour at one runner.
  mutate: ['src/engine/**/*.ts', 'src/policy/**/*.ts', 'src/aws/**/*.ts', 'src/wizard/**/*.{ts,tsx}'],
  // Run each mutant only against the tests that reach it.
  coverageAnalysis: 'perTest',
  // Mutants in code that runs only when a module loads (a module-level Set, a constant) need every
  // test run again in a fresh environment: a few percent of the mutants for two thirds of the time. Left
  // out unless MUTATE_STATIC=1 (Stryker's --ignoreStatic flag can only turn it on).
  ignoreStatic: !process.env.MUTATE_STATIC,
  // One test runner: the machines have 2 cores and someone else may be building or testing on the
  // other. Override with `npm run mutate -- --concurrency 2` on a free machine.
  concurrency: 1,
  // Reruns test only mutants in code or tests that changed since the last run (reports/ keeps the file).
  incremental: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // The sandbox copies the project; these are not needed to run the unit tests.
  ignorePatterns: ['dist', 'docs', 'coverage', 'reports', 'bench-results.json'],
};
