/** Command lines shown to people, to copy into a POSIX shell. */

/** Quotes one argument for POSIX shells, only when it needs it. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
