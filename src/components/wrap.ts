/**
 * Long lines folded to the screen's width instead of cut: the IAM ARNs at 80 columns, the plan's key
 * attributes at 60. A line breaks at its last space that fits, else after a `/` or `:` (an ARN folds
 * at `table/`), never inside its own indentation, mid-word only when nothing else fits; it continues
 * indented under its text. Pure, on segments that carry a tone, so colours survive.
 */

export interface Piece<T> {
  text: string;
  tone: T;
}

/** Where a row of at most `room` characters ends: at its last space (dropped), else after a `/` or `:`, else at `room`; never at or before `lead`. */
function breakAt(chars: readonly string[], room: number, lead: number): number {
  const from = Math.min(room, chars.length - 1);
  for (let i = from; i > lead; i--) if (chars[i] === ' ') return i;
  for (let i = from; i > lead; i--) if (chars[i - 1] === '/' || chars[i - 1] === ':') return i;
  return room;
}

/** The line as one or more lines of at most `width` characters; continuations start with `indent` spaces. */
export function wrapPieces<T>(line: readonly Piece<T>[], width: number, indent: number): Piece<T>[][] {
  const chars = line.flatMap((p) => [...p.text].map((c) => ({ c, tone: p.tone })));
  if (chars.length <= width || width <= indent + 8) return [[...line]];
  const out: { c: string; tone: T }[][] = [];
  let rest = chars;
  let first = true;
  while (rest.length > 0) {
    const room = first ? width : width - indent;
    if (rest.length <= room) {
      out.push(rest);
      break;
    }
    const cut = breakAt(rest.map((x) => x.c), room, first ? rest.findIndex((x) => x.c !== ' ') : 0);
    out.push(rest.slice(0, cut));
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
