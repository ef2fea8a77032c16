/** The UsageError parseArgs throws for `argv`, checked to be exit 2 (a test fails if it does not throw). */
import { expect } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';

export function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error(`parseArgs(${argv.join(' ')}) did not throw`);
}
