/**
 * Drives the built CLI in a real pseudo-terminal: a private tmux server (its own socket, so it never
 * touches anyone's sessions), one session per run, a clean environment (no CI, no machine AWS_*).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, installedPath, ROOT } from '../cli/run-cli.js';

export interface Terminal {
  /** Starts `node dist/cli.js ARGS; echo EXIT=$?` in a fresh session (120×40 and the repo unless `at` says) with only `env` (plus PATH, TERM). */
  launch(name: string, args: string, env: Record<string, string>, at?: { columns?: number; rows?: number; cwd?: string }): void;
  /** Resizes the session's window, as a person dragging the terminal's edge. */
  resize(name: string, columns: number, rows: number): void;
  /** The pane and its scrollback (`lines` back), lines as the terminal wrapped them (no -J). */
  history(name: string, lines?: number): string;
  /** The pane as text; -J joins lines the terminal wrapped, so long command lines read whole. */
  screen(name: string): string;
  /** Polls the pane until it shows `text`; fails with the pane's content. */
  waitFor(name: string, text: string | RegExp, timeout?: number): Promise<string>;
  /** Types literal text. */
  typeText(name: string, text: string): void;
  /** Pastes `text` as a terminal paste does: all of it at once, through a tmux buffer. */
  paste(name: string, text: string): void;
  /** Sends one key by its tmux name (Enter, Escape, C-c, ...). */
  key(name: string, key: string): void;
  /** Waits for each screen in turn and answers it with Enter (the defaults a person accepts). */
  enterThrough(name: string, screens: readonly (string | RegExp)[]): Promise<void>;
  /** Stops the private server and every session in it. */
  close(): void;
}

/** A tmux driver on a socket named after `label` and this process. */
export function tmuxTerminal(label: string): Terminal {
  const socket = `sentinel-${label}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (name: string) => tmux('capture-pane', '-p', '-J', '-t', name);
  return {
    launch(name, args, env, { columns = 120, rows = 40, cwd = ROOT } = {}) {
      // HISTFILE empty: bash ended by kill-server would write HOME/.bash_history while the test removes HOME.
      const vars = Object.entries({ PATH: installedPath(), TERM: 'xterm-256color', HISTFILE: '', ...env }).map(([k, v]) => `${k}=${v}`);
      tmux('new-session', '-d', '-x', String(columns), '-y', String(rows), '-s', name, '-c', cwd, 'env', '-i', ...vars, 'bash', '--norc', '--noprofile');
      tmux('send-keys', '-t', name, '-l', `node ${CLI} ${args}; echo EXIT=$?`);
      tmux('send-keys', '-t', name, 'Enter');
    },
    screen,
    resize: (name, columns, rows) => void tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows)),
    history: (name, lines = 2000) => tmux('capture-pane', '-p', '-S', `-${lines}`, '-t', name),
    async waitFor(name, text, timeout = 20_000) {
      const until = Date.now() + timeout;
      for (;;) {
        const s = screen(name);
        if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
        if (Date.now() > until) throw new Error(`never saw ${String(text)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    typeText: (name, text) => void tmux('send-keys', '-t', name, '-l', text),
    paste(name, text) {
      execFileSync('tmux', ['-L', socket, 'load-buffer', '-b', 'paste', '-'], { input: text });
      tmux('paste-buffer', '-d', '-b', 'paste', '-t', name);
    },
    async enterThrough(name, screens) {
      for (const screen of screens) {
        await this.waitFor(name, screen);
        tmux('send-keys', '-t', name, 'Enter');
      }
    },
    key: (name, k) => void tmux('send-keys', '-t', name, k),
    close() {
      try {
        tmux('kill-server');
      } catch {
        // no server left: nothing to stop
      }
    },
  };
}

/** Keeps a captured screen as WIZARD_SCREENS_DIR/<file> when that variable is set (for the README). */
export function keepScreen(file: string, content: string): void {
  if (process.env.WIZARD_SCREENS_DIR) writeFileSync(join(process.env.WIZARD_SCREENS_DIR, file), content);
}
