/**
 * Typed errors. Commands throw these; `exitCodeFor` in this file is the one table that turns them
 * into exit codes (PRODUCT.md section 1).
 */
/** A mistake of the user's or a problem with their data: reported as a message, never a stack. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Wrong usage of the command line itself: unknown command or option, missing argument. */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** The data on disk cannot be trusted; nothing was written. */
export class DataError extends UserError {
  override name = 'DataError';
}

/**
 * A problem in a file mtl reads, said as `<file>: <what>.`; `what` alone is there for a caller that
 * names the file its own way (the data file's "is damaged" message).
 */
export class FileProblemError extends DataError {
  override name = 'FileProblemError';
  constructor(
    readonly file: string,
    readonly what: string,
    hint?: string,
  ) {
    super(`${file}: ${what}.`, hint);
  }
}

/**
 * A file mtl keeps that it cannot trust: named, with what is wrong in it, and left as it is. The file
 * and `what` stay fields, for a caller that names the file its own way (`mtl sync` names a commit's).
 */
export class DamagedFileError extends DataError {
  override name = 'DamagedFileError';
  readonly what: string;
  constructor(
    readonly file: string,
    what: string,
    hint: string,
  ) {
    const bare = what.replace(/\.$/, '');
    super(`${file} is damaged: ${bare}.\nmtl has not changed it.`, hint);
    this.what = bare;
  }
}

export function damagedFile(file: string, what: string, hint: string): DamagedFileError {
  return new DamagedFileError(file, what, hint);
}

/** The user cancelled at a prompt (Ctrl-C). */
export class CancelError extends Error {
  override name = 'CancelError';
  constructor() {
    super('Cancelled; nothing was saved.');
  }
}

/** The message was already printed; only the exit code is left to set. */
export class SilentError extends Error {
  override name = 'SilentError';
  constructor(readonly code: number) {
    super('');
  }
}

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  cancelled: 130,
} as const;

/**
 * The exit code for an error. The build keeps this file one bundle of its own that every other
 * bundle requires (build.mjs), so `instanceof` holds for errors thrown in any command's bundle.
 */
export function exitCodeFor(err: unknown): number {
  if (err instanceof SilentError) return err.code;
  if (err instanceof CancelError) return ExitCode.cancelled;
  if (err instanceof UsageError) return ExitCode.usage;
  return ExitCode.failure;
}

