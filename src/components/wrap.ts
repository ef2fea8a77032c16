/**
 * Long lines folded to the screen's width instead of cut: the IAM ARNs at 80 columns, the plan's key
 * attributes at 60. A line breaks at its last space that fits, else after a `/` or `:` (an ARN folds
 * at `table/`), never inside its own indentation, mid-word only when nothing else fits; it continues
 * indented under its text. A command in the text (src/core/shell.ts printedCommand) is never folded
 * inside a word: it starts a row of its own, whole when it fits there, else broken between its
 * arguments with ` \`, so it still pastes as one command. Pure, on segments that carry a tone, so
 * colours survive.
 */
export interface Piece<T> {
  text: string;
  tone: T;
}

interface Cell<T> {
  c: string;
  tone: T;
  /** The command this character belongs to (-1: prose). */
  command: number;
  /** A space between two arguments of a command (not one inside quotes). */
  between: boolean;
}

/** Where printed commands sit in `text`: from their first word to a closing backtick, else to the end. */
function commandSpans(text: string): [number, number][] {
  // The words printedCommand starts with (any invocation, without asking which one this run has),
  // after a backtick, at the start, or after ": " (e.g. "Run: aws sso login --profile p").
  const start = /(^\s*|: |`)(?:aws|sentinel-init|npx sentinel-init|node (?:\S*|'[^']*')cli\.js) /g;
  const spans: [number, number][] = [];
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const from = m.index + (m[1] ?? '').length;
    const close = m[1] === '`' ? text.indexOf('`', from) : -1;
    const to = close === -1 ? text.length : close;
    spans.push([from, to]);
    start.lastIndex = to;
  }
  return spans;
}

function cells<T>(line: readonly Piece<T>[]): Cell<T>[] {
  const out: Cell<T>[] = line.flatMap((p) => [...p.text].map((c) => ({ c, tone: p.tone, command: -1, between: false })));
  const text = out.map((x) => x.c).join('');
  for (const [n, [from, to]] of commandSpans(text).entries()) {
    let quoted = false;
    for (let i = from; i < to; i++) {
      const cell = out[i] as Cell<T>;
      if (cell.c === "'") quoted = !quoted;
      cell.command = n;
      cell.between = cell.c === ' ' && !quoted;
    }
  }
  return out;
}

/** Where a row of at most `room` characters ends, and whether it ends inside a command (then ` \` follows). */
function breakAt<T>(rest: readonly Cell<T>[], room: number, lead: number): { cut: number; inside: boolean } {
  const from = Math.min(room, rest.length - 1);
  for (let i = from; i > lead; i--) {
    const cell = rest[i] as Cell<T>;
    if (cell.c === ' ' && cell.command === -1) return { cut: i, inside: false };
    if (cell.between && i + 2 <= room) {
      // A command starts on a row of its own (whole, when it fits), after the last space of prose before it.
      const before = rest.findIndex((x) => x.command === cell.command) - 1;
      for (let j = before; j > lead; j--) if (rest[j]?.c === ' ' && rest[j]?.command === -1) return { cut: j, inside: false };
      return { cut: i, inside: true };
    }
  }
  for (let i = from; i > lead; i--) {
    const after = rest[i - 1] as Cell<T>;
    if ((after.c === '/' || after.c === ':') && after.command === -1) return { cut: i, inside: false };
  }
  return { cut: room, inside: false };
}

/** The line as one or more lines of at most `width` characters; continuations start with `indent` spaces. */
export function wrapPieces<T>(line: readonly Piece<T>[], width: number, indent: number): Piece<T>[][] {
  const chars = cells(line);
  if (chars.length <= width || width <= indent + 8) return [[...line]];
  const out: Cell<T>[][] = [];
  let rest = chars;
  let first = true;
  while (rest.length > 0) {
    const room = first ? width : width - indent;
    if (rest.length <= room) {
      out.push(rest);
      break;
    }
    const { cut, inside } = breakAt(rest, room, first ? rest.findIndex((x) => x.c !== ' ') : 0);
    const row = rest.slice(0, cut);
    const tone = (row.at(-1) ?? rest[0]) as Cell<T>;
    out.push(inside ? [...row, { ...tone, c: ' ' }, { ...tone, c: '\\' }] : row);
    rest = rest.slice(cut).filter((x, i) => !(i === 0 && x.c === ' '));
    first = false;
  }
  return out.map((row, i) => {
    const pieces: Piece<T>[] = [];
    const lead = i === 0 ? [] : [{ c: ' '.repeat(indent), tone: row[0]?.tone as T }];
    for (const { c, tone } of [...lead, ...row]) {
      const last = pieces.at(-1);
      if (last && last.tone === tone) last.text += c;
      else pieces.push({ text: c, tone });
    }
    return pieces;
  });
}

/** Plain text folded the same way. */
export function wrapText(text: string, width: number, indent: number): string[] {
  return wrapPieces([{ text, tone: 0 }], width, indent).map((row) => row.map((p) => p.text).join(''));
}
