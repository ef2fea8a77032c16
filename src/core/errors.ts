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

/** One line for a person: message, then the hint. Unknown errors are bugs and say so. */
export function describeError(error: unknown): { text: string; exitCode: ExitCode } {
  if (error instanceof CliError) {
    return { text: error.hint ? `${error.message} ${error.hint}` : error.message, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { text: `Unexpected error: ${message} (set DEBUG=1 for details)`, exitCode: EXIT.failure };
}
