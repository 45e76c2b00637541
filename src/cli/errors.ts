// Exit codes of the `atoll` command and the error that carries one up to main.

export const ExitCode = {
  ok: 0,
  /** Bad command line, bad configuration. */
  usage: 1,
  /** The server answered with an error (AUTH_FAILED, USER_NOT_FOUND, ...) or failed to start. */
  server: 2,
  /** A deadline passed, or the server could not be reached. */
  unavailable: 3,
  /** Interrupted by SIGINT before finishing. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure with a one-line message for stderr and the exit code it maps to. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}
