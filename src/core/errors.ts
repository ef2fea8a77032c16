/** Typed errors and the one exit-code table. Every failure a person can see goes through here. */

export const EXIT = {
  ok: 0,
  failure: 1, // AWS or operation failure
  usage: 2, // usage or invalid input
  interrupted: 130, // Ctrl-C / SIGINT
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the person can fix: `message` says what went wrong, `hint` what to do next. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Bad flags, names, regions, profiles: exit 2, nothing was attempted. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
    this.name = 'UsageError';
  }
}

/** AWS or operation failure: exit 1. */
export class AwsFailure extends CliError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, EXIT.failure, hint, options);
    this.name = 'AwsFailure';
  }
}

/** The person pressed Ctrl-C or the process got SIGINT: exit 130. */
export class Interrupted extends CliError {
  constructor(message = 'Interrupted.') {
    super(message, EXIT.interrupted);
    this.name = 'Interrupted';
  }
}

const BUG_HINT = 'This is a bug in sentinel-init: please report it with the output of the same run with DEBUG=1 (it shows the stack).';

/** An error no sentence was written for (a bug), with what the run had made by then. */
export class Unexpected extends CliError {
  constructor(cause: unknown, state?: string) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`Unexpected error: ${message.split('\n')[0]}.${state ? ` ${state}` : ''}`, EXIT.failure, BUG_HINT, { cause });
    this.name = 'Unexpected';
  }
}

/**
 * The exit code of an error under --detailed-exitcode, where 2 means "changes pending" (Terraform's
 * rule: 0 no changes, 2 changes, 1 any error): a usage error is 1 there, so a CI drift check never
 * reads a typo as drift. An interrupt keeps 130.
 */
export function detailedErrorCode(code: ExitCode): ExitCode {
  return code === EXIT.usage ? EXIT.failure : code;
}

/** One line for a person: message, then the hint. Unknown errors are bugs and say so. */
export function describeError(error: unknown): { text: string; exitCode: ExitCode } {
  const known = error instanceof CliError ? error : new Unexpected(error);
  return { text: known.hint ? `${known.message} ${known.hint}` : known.message, exitCode: known.exitCode };
}
