/**
 * The wizard draws on the terminal's alternate screen (as less and vim do) and leaves it when the run
 * ends, before the transcript is printed on the normal screen. Why: a terminal that re-wraps lines
 * when it is made narrower (tmux, VTE, iTerm2) pushes the rows a frame gains into the scrollback,
 * where no cursor movement can reach them, so Ink's erase left a stale header per narrowing there
 * (measured in tmux 3.3: 120→50 columns pushed 5 rows of a 10-line frame into history). Frames on
 * the alternate screen never reach the scrollback; the transcript is the run's only record there.
 *
 * Line wrapping (DECAWM) is off while there: on a narrowing, Ink redraws its last frame at once,
 * still laid out for the old width, before the screens re-render for the new one. With wrapping on,
 * that frame's long rows folded into extra rows, Ink's next erase (one row per line it drew) fell
 * short, and the top of the frame stayed above the new one (measured in tmux 3.3, 120→70 columns:
 * the header and the question drawn twice, more with each narrowing). Cut at the edge instead, every
 * line is one row and the erase is exact; a frame laid out for the width never reaches the edge.
 */

/** The alternate screen with line wrapping off, and back (wrapping on, the normal screen). */
const ENTER = '\u001B[?1049h\u001B[?7l';
const LEAVE = '\u001B[?7h\u001B[?1049l';

/** Switches `stdout` to the alternate screen; the returned function switches back (once, also on exit). */
export function enterAlternateScreen(stdout: NodeJS.WriteStream): () => void {
  let on = true;
  const leave = () => {
    if (!on) return;
    on = false;
    process.off('exit', leave);
    stdout.write(LEAVE);
  };
  // An exit from anywhere (a signal handled elsewhere, an error) still gives the person their screen back.
  process.once('exit', leave);
  stdout.write(ENTER);
  return leave;
}
