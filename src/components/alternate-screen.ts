/**
 * The wizard draws on the terminal's alternate screen (as less and vim do) and leaves it when the run
 * ends, before the transcript is printed on the normal screen. Why: a terminal that re-wraps lines
 * when it is made narrower (tmux, VTE, iTerm2) pushes the rows a frame gains into the scrollback,
 * where no cursor movement can reach them, so Ink's erase left a stale header per narrowing there
 * (measured in tmux 3.3: 120→50 columns pushed 5 rows of a 10-line frame into history). Frames on
 * the alternate screen never reach the scrollback; the transcript is the run's only record there.
 */

const ENTER = '\u001B[?1049h';
const LEAVE = '\u001B[?1049l';

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
