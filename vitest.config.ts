import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // The plain last line is what CI reads; the default reporter stays for people.
    reporters: ['default', './test/plain-summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests each start a JVM; two cores here.
    maxWorkers: 2,
  },
});
