/**
 * The tests Stryker runs for each mutant (`npm run mutate`): only the fast unit tests, in-process,
 * with no JVM, no built CLI and no external tool, so one mutant costs seconds, not minutes.
 * `npm test` still runs everything through vitest.config.ts.
 */
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: [
      ...configDefaults.exclude,
      // Spawn the built CLI (dist/cli.js), often with DynamoDB Local and tmux: Stryker mutates src/, not dist/.
      'test/e2e/**',
      'test/build/**',
      // Sentinel's stores on DynamoDB Local: a JVM per file.
      'test/compat/**',
      // terraform init/validate/plan against the provider mirror: an external tool, seconds per case.
      'test/iac/terraform.test.ts',
      // cfn-lint and PyYAML (external tools) in the same file as the template checks.
      'test/iac/cloudformation.test.ts',
      // DynamoDB Local (a JVM), and fault and wait tests that take tens of seconds each;
      // test/engine/apply-fake.test.ts, plan.test.ts and the files beside them cover the engine in-process.
      'test/engine/create.test.ts',
      'test/engine/dynamodb-local.test.ts',
      'test/engine/faults.test.ts',
      'test/engine/production-defaults.test.ts',
      'test/engine/wait-index.test.ts',
      'test/policy/covers-calls.test.ts',
    ],
    // The same environment as `npm test` (no CI variables, no SDK version warning).
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
