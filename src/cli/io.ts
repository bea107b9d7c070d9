/** Where a command writes: standard output and standard error, or a test's buffers. */
export interface CliIo {
  /** Writes `text` (a newline is added) to standard output. */
  out(text: string): void;
  /** Writes `text` (a newline is added) to standard error. */
  err(text: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
