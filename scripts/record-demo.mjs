#!/usr/bin/env node
// Records the README's animation of a real wizard run: docs/demo.svg (and docs/demo.cast, the
// asciicast v2 it is rendered from, while that stays small).
//
// The built CLI runs as `sentinel-init --local` (DynamoDB Local started by the CLI itself, no AWS) in
// a shell inside a private tmux server of a fixed size, with a clean environment and an empty HOME.
// util-linux `script` records what the terminal shows, with timings; this script types into the pane
// like a person, waiting for each screen's text before the next key, then turns the recording into an
// asciicast (idle gaps cut to MAX_GAP seconds) and renders it with svg-term (svg-term-cli).
//
// Usage: npm run record-demo   (= npm run build && node scripts/record-demo.mjs)
// Needs: java (17, for DynamoDB Local), tmux, util-linux script (2.35+, for -T/-O), svg-term-cli.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const outDir = join(root, 'docs');
const castOut = join(outDir, 'demo.cast');
const svgOut = join(outDir, 'demo.svg');
const requireFromRoot = createRequire(join(root, 'package.json'));

const WIDTH = 100;
const HEIGHT = 30;
/** The longest pause kept in the animation, in seconds. */
const MAX_GAP = 1.5;
/** How long the last frame stays before the animation loops, in seconds. */
const END_HOLD = 3;
/** The cast is kept beside the SVG only below this size. */
const MAX_CAST_BYTES = 200 * 1024;
/** The whole run, DynamoDB Local's start included, must end within this. */
const RUN_TIMEOUT_MS = 180_000;
/** No screen may stay unanswered longer than this (the check and the apply included). */
const STEP_TIMEOUT_MS = 60_000;

const PROMPT = '$ ';
const COMMAND = 'sentinel-init --local';
const socket = `sentinel-record-demo-${process.pid}`;
const session = 'demo';

let work; // the temporary folder: HOME, the recording, tmux's config
let tmuxStarted = false;
const tmuxServer = { pid: undefined, socketPath: undefined };

function log(message) {
  process.stdout.write(`record-demo: ${message}\n`);
}

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Tools this needs, said clearly when missing.

function requireTool(name, args, why, check = () => true) {
  const r = spawnSync(name, args, { encoding: 'utf8' });
  if (r.error?.code === 'ENOENT') fail(`${name} not found: ${why}`);
  if (r.error) fail(`${name} ${args.join(' ')} failed: ${r.error.message}`);
  if (!check(`${r.stdout}${r.stderr}`)) fail(`${name} is not the one needed: ${why}`);
}

/**
 * svg-term-cli's own script. It is run through node with a resolve hook: svg-term 1.x renders with
 * React 16 (its own nested copy), but its styling package (@stiligita/react) requires `react` without
 * declaring it, so in this project it would get our React 19 and svg-term fails ("Unknown element-like
 * object type"). The hook sends every `react`/`react-dom` request to svg-term's own copies.
 */
function svgTermCli() {
  let pkg;
  try {
    pkg = requireFromRoot.resolve('svg-term-cli/package.json');
  } catch {
    fail('svg-term-cli is not installed: run npm install (it is a devDependency; it renders the animation).');
  }
  const bin = JSON.parse(readFileSync(pkg, 'utf8')).bin;
  const svgTerm = createRequire(pkg).resolve('svg-term/package.json');
  return { script: join(dirname(pkg), typeof bin === 'string' ? bin : bin['svg-term']), svgTerm };
}

const REACT_HOOK = `// Written by scripts/record-demo.mjs: svg-term's react and react-dom, whoever asks for them.
const Module = require('node:module');
const path = require('node:path');
const owner = new Module(process.env.SVG_TERM_PACKAGE);
owner.filename = process.env.SVG_TERM_PACKAGE;
owner.paths = Module._nodeModulePaths(path.dirname(process.env.SVG_TERM_PACKAGE));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  return /^react(-dom)?(\\/|$)/.test(request) ? resolve.call(this, request, owner, isMain) : resolve.call(this, request, parent, isMain, options);
};
`;

/** Runs svg-term (svg-term-cli) with the given arguments, in a clean environment (it guesses a theme from the terminal's). */
function svgTerm(args) {
  const { script, svgTerm: svgTermPackage } = svgTermCli();
  const hook = join(work ?? tmpdir(), 'svg-term-react16.cjs');
  writeFileSync(hook, REACT_HOOK);
  return spawnSync(process.execPath, ['--require', hook, script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(work, 'home'), SVG_TERM_PACKAGE: svgTermPackage },
  });
}

function preflight() {
  if (process.platform !== 'linux') fail('this records with util-linux script and tmux: run it on Linux.');
  requireTool('java', ['-version'], 'DynamoDB Local (--local) needs Java 17: install openjdk-17-jre-headless.');
  requireTool('tmux', ['-V'], 'the wizard is driven in tmux: install tmux.');
  requireTool('script', ['--help'], 'the terminal is recorded by util-linux script 2.35 or later (-T/-O): install util-linux (bsdutils).', (out) =>
    out.includes('--log-timing') && out.includes('--log-out'),
  );
  svgTermCli();
  if (!existsSync(cli)) fail(`${relative(root, cli)} is missing: run npm run build first (npm run record-demo does).`);
}

// ---------------------------------------------------------------------------------------------------
// The private tmux server, and cleaning up after it whatever happens.

function tmux(args, options = {}) {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), ...options });
}

/** The environment of everything started here: no CI variables (Ink draws only a last frame under CI), no AWS ones. */
function cleanEnv() {
  const path = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'))
    .join(delimiter);
  return {
    PATH: `${join(work, 'bin')}${delimiter}${path}`,
    HOME: join(work, 'home'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ENV: join(work, 'shrc'), // read by the interactive sh: sets the prompt (dash ignores PS1 from the environment for root)
    AWS_EC2_METADATA_DISABLED: 'true',
    SENTINEL_RECORD_DEMO: socket, // marks this run's processes, to find any left behind
  };
}

/** This run's processes (their environment carries the marker), this process and the tmux server aside. */
function ownProcesses() {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!/^\d+$/.test(entry) || pid === process.pid || pid === tmuxServer.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`SENTINEL_RECORD_DEMO=${socket}`)) continue;
      found.push({ pid, command: readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Signals the given processes by pid, then waits up to `ms` for this run's matching processes to be gone. */
function endProcesses(which, signal, ms) {
  let left = ownProcesses().filter(which);
  if (left.length === 0) return;
  process.stderr.write(`record-demo: ${signal} to ${left.map((p) => `${p.pid} (${p.command.slice(0, 60)})`).join(', ')}\n`);
  for (const { pid } of left) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  for (let waited = 0; left.length > 0 && waited < ms; waited += 100) {
    sleepSync(100);
    left = ownProcesses().filter(which);
  }
}

let cleanedUp = false;
/**
 * Ends whatever of this run still runs, while tmux is there to reap it: the wizard first (SIGTERM: it
 * stops DynamoDB Local itself), then the recorder and shell; SIGKILL for anything still left. Then the
 * tmux server and its socket, and the temp folder. On a finished run only the tmux server is left.
 */
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (!work) return;
  const all = () => true;
  endProcesses((p) => /^(\S*\/)?node /.test(p.command), 'SIGTERM', 10_000); // the wizard (sentinel-init runs as `node …`)
  endProcesses(all, 'SIGTERM', 3_000);
  endProcesses(all, 'SIGKILL', 2_000);
  if (tmuxStarted) {
    try {
      tmux(['kill-server']);
    } catch {
      // already gone
    }
    if (tmuxServer.socketPath) rmSync(tmuxServer.socketPath, { force: true });
  }
  endProcesses(all, 'SIGKILL', 2_000);
  const left = ownProcesses();
  if (left.length > 0) process.stderr.write(`record-demo: could not end ${left.map((p) => p.pid).join(', ')}\n`);
  rmSync(work, { recursive: true, force: true });
}

process.on('exit', cleanup);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    process.stderr.write(`record-demo: ${signal}, cleaning up\n`);
    process.exit(code);
  });
}

// ---------------------------------------------------------------------------------------------------
// Driving the wizard.

function screen() {
  return tmux(['capture-pane', '-p', '-t', session]);
}

/** Whether the pane's shell has exited, and how: the pane stays after it (remain-on-exit). */
function paneState() {
  const [dead, status, signal] = tmux(['display-message', '-p', '-t', session, '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}']).trim().split(':');
  // tmux may see the pane's terminal close a moment before it collects the exit status.
  const how = status ? `exited ${status}` : signal ? `was killed by signal ${signal}` : undefined;
  return { dead: dead === '1', status: status ? Number(status) : undefined, how };
}

function keys(...names) {
  tmux(['send-keys', '-t', session, ...names]);
}

/** Types text one character at a time, at a person's uneven pace. */
async function type(text) {
  const pace = [120, 150, 95, 170, 110, 135, 100, 160];
  for (const [i, ch] of [...text].entries()) {
    tmux(['send-keys', '-t', session, '-l', ch]);
    await sleep(pace[i % pace.length]);
  }
}

/** Waits until the screen matches, polling the pane; fails with what the screen shows instead. */
async function waitFor(pattern, what, timeoutMs = STEP_TIMEOUT_MS) {
  const start = Date.now();
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (paneState().dead) fail(`the terminal closed while waiting for ${what}; last screen:\n${text}`);
    if (Date.now() - start > timeoutMs) fail(`no ${what} within ${timeoutMs / 1000} s; the screen shows:\n${text}`);
    await sleep(100);
  }
}

function lastLine(text) {
  return text.trimEnd().split('\n').pop().trim();
}

/** The wizard's step, from its header line `sentinel-init · <step> · …`. */
function stepOf(text) {
  return /^sentinel-init · ([^·]+?) ·/m.exec(text)?.[1];
}

/** What a person does on each screen: read it a moment, then answer. */
const ACTIONS = {
  async kind() {
    await sleep(1200);
    await type('sess');
    await waitFor(/› sess/, 'the kind filter typed');
    await sleep(700);
    await waitFor(/❯ sessions/, 'sessions chosen in the kind list');
    keys('Enter');
  },
  async profile() {
    await waitFor(/❯ sentinel-demo/, 'the demo profile preselected');
    await sleep(1300);
    keys('Enter');
  },
  async region() {
    await waitFor(/❯ us-east-1/, 'the demo region preselected');
    await sleep(1300);
    keys('Enter');
  },
  async 'table name'() {
    await waitFor(/valid name/, 'the table name checked');
    await sleep(1300);
    keys('Enter');
  },
  async tags() {
    await sleep(1300);
    keys('Enter'); // an empty line: no tags of one's own
  },
  async check() {
    // A spinner while the table is read; the plan follows by itself.
  },
  async plan() {
    await waitFor(/^Plan: /m, 'the plan summary');
    await sleep(2500);
    keys('Enter');
  },
  async 'IAM policy'() {
    await sleep(1500);
    keys('PageDown');
    await sleep(1500);
    keys('Enter');
  },
  async confirm() {
    await waitFor(/\[y\/N\]/, 'the [y/N] question');
    await sleep(1200);
    await type('y');
  },
  async apply() {
    // Progress, then the done screen.
  },
  async done() {
    await waitFor(/Enter finish/, 'the done screen');
    await sleep(2500);
    await type('v'); // Sentinel's own access patterns on the new table
    await waitFor(/patterns work/, 'the verify summary');
    await sleep(3000);
    keys('Enter'); // the transcript stays in the scrollback
  },
};

async function drive() {
  await waitFor(/^\$\s*$/m, 'the shell prompt', 10_000);
  await sleep(600);
  await type(COMMAND);
  await sleep(400);
  keys('Enter');

  const started = Date.now();
  const done = new Set();
  let current;
  let since = Date.now();
  for (;;) {
    const text = screen();
    if (/✓ Table \S+ in \S+: created\./.test(text) && lastLine(text) === PROMPT.trim()) return text; // the transcript, and the shell's prompt back
    if (/✗ The check failed/.test(text)) fail(`the check failed; the screen shows:\n${text}`);
    if (lastLine(text) === PROMPT.trim()) fail(`the wizard exited without creating the table; the screen shows:\n${text}`);
    if (paneState().dead) fail(`the terminal closed before the wizard finished; last screen:\n${text}`);
    const step = stepOf(text);
    if (step !== current) {
      current = step;
      since = Date.now();
    }
    if (step && !done.has(step)) {
      const action = ACTIONS[step];
      if (!action) fail(`an unexpected screen "${step}"; it shows:\n${text}`);
      done.add(step);
      log(`screen: ${step}`);
      await action(text);
    }
    if (Date.now() - since > STEP_TIMEOUT_MS) fail(`stuck on ${step ? `the ${step} screen` : 'a screen with no header'} for ${STEP_TIMEOUT_MS / 1000} s; it shows:\n${text}`);
    if (Date.now() - started > RUN_TIMEOUT_MS) fail(`the wizard did not finish within ${RUN_TIMEOUT_MS / 1000} s; the screen shows:\n${text}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------
// The recording: util-linux script's classic timing file (`<delay> <bytes>` per chunk) and typescript
// (a `Script started …` line, the chunks, a `Script done …` line) into an asciicast v2.

function toCast(timingFile, typescriptFile) {
  const data = readFileSync(typescriptFile);
  const chunks = readFileSync(timingFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const m = /^(\d+(?:\.\d+)?) (\d+)$/.exec(line.trim());
      if (!m) fail(`an unexpected line in script's timing file: ${line}`);
      return { delay: Number(m[1]), bytes: Number(m[2]) };
    });
  let offset = data.subarray(0, 64).toString('latin1').startsWith('Script started') ? data.indexOf(0x0a) + 1 : 0;
  const decoder = new TextDecoder('utf-8');
  const events = [];
  let t = 0;
  for (const { delay, bytes } of chunks) {
    t += Math.min(delay, MAX_GAP);
    const text = decoder.decode(data.subarray(offset, offset + bytes), { stream: true });
    offset += bytes;
    if (text !== '') events.push([Math.round(t * 1e6) / 1e6, 'o', text]);
  }
  const rest = data.subarray(offset).toString('latin1');
  if (offset > data.length || !/^(\n?Script done.*\n?)?$/.test(rest)) fail(`the typescript (${data.length} bytes) does not match its timing file (${offset} bytes of output)`);
  // The shell's newline on Ctrl-D, after the prompt came back, is not part of the demo.
  while (events.length > 0 && /^[\r\n]*$/.test(events.at(-1)[2])) events.pop();
  if (events.length === 0) fail('the recording is empty');
  const end = Math.round((events.at(-1)[0] + END_HOLD) * 1e6) / 1e6;
  events.push([end, 'o', '']); // holds the last frame before the animation loops
  const header = { version: 2, width: WIDTH, height: HEIGHT, env: { TERM: 'xterm-256color', SHELL: '/bin/sh' }, title: `${COMMAND} (a wizard run against DynamoDB Local)` };
  return { text: [header, ...events].map((line) => JSON.stringify(line)).join('\n') + '\n', duration: end };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  preflight();
  work = mkdtempSync(join(tmpdir(), 'sentinel-record-demo-'));
  for (const dir of ['home', 'bin']) mkdirSync(join(work, dir));
  symlinkSync(cli, join(work, 'bin', 'sentinel-init')); // the package's bin, as an install gives it
  const timing = join(work, 'timing');
  const typescript = join(work, 'typescript');
  writeFileSync(join(work, 'shrc'), `PS1=${quote(PROMPT)}\n`);
  writeFileSync(join(work, 'tmux.conf'), ['set -g status off', 'set -g remain-on-exit on', 'set -g history-limit 5000', 'set -g default-terminal xterm-256color', ''].join('\n'));
  // The pane: util-linux script recording an interactive sh (prompt `$ `) started in the empty HOME.
  const shellCommand = ['script', '-q', '-e', '-m', 'classic', '-T', timing, '-O', typescript, '-c', 'sh'].map(quote).join(' ');

  log(`recording in a ${WIDTH}x${HEIGHT} tmux (socket ${socket}), DynamoDB Local started by the CLI`);
  tmuxStarted = true;
  tmux(['-f', join(work, 'tmux.conf'), 'new-session', '-d', '-s', session, '-x', String(WIDTH), '-y', String(HEIGHT), '-c', join(work, 'home'), shellCommand]);
  const [size, pid, socketPath] = tmux(['display-message', '-p', '-t', session, '#{pane_width}x#{pane_height} #{pid} #{socket_path}']).trim().split(' ');
  Object.assign(tmuxServer, { pid: Number(pid), socketPath });
  if (size !== `${WIDTH}x${HEIGHT}`) fail(`the tmux pane is ${size}, not ${WIDTH}x${HEIGHT}`);

  const last = await drive();
  await sleep(500);
  keys('C-d'); // the shell exits, and with it script
  let pane = paneState();
  for (let waited = 0; !(pane.dead && pane.how); waited += 100) {
    if (waited > 10_000) fail('the shell did not exit after Ctrl-D');
    await sleep(100);
    pane = paneState();
  }
  if (pane.status !== 0) fail(`the recorded shell ${pane.how}; last screen:\n${last}`);

  const cast = toCast(timing, typescript);
  const castFile = join(work, 'demo.cast');
  writeFileSync(castFile, cast.text);
  const svgFile = join(work, 'demo.svg');
  const render = svgTerm(['--in', castFile, '--out', svgFile, '--window', '--no-cursor', '--width', String(WIDTH), '--height', String(HEIGHT)]);
  if (render.status !== 0) fail(`svg-term failed (exit ${render.status}): ${render.stderr || render.stdout}`);
  const svg = readFileSync(svgFile, 'utf8');
  if (!svg.startsWith('<svg') || !svg.trimEnd().endsWith('</svg>') || !svg.includes('Created') || !svg.includes('created.') || !svg.includes('>sentinel-init<')) fail(`svg-term's output does not look like the animation: ${svg.slice(0, 200)}`);

  // Only a finished, checked recording replaces the files in docs/.
  mkdirSync(outDir, { recursive: true });
  writeFileSync(svgOut, svg);
  const castBytes = Buffer.byteLength(cast.text);
  if (castBytes < MAX_CAST_BYTES) {
    writeFileSync(castOut, cast.text);
  } else {
    rmSync(castOut, { force: true });
  }
  log(`wrote ${relative(root, svgOut)} (${kb(statSync(svgOut).size)}, ${cast.duration.toFixed(1)} s)`);
  log(
    castBytes < MAX_CAST_BYTES
      ? `wrote ${relative(root, castOut)} (${kb(castBytes)}), the asciicast it was rendered from`
      : `did not keep the asciicast (${kb(castBytes)} is over ${kb(MAX_CAST_BYTES)}); only the SVG`,
  );
}

function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`record-demo: ${error instanceof Failure ? error.message : (error.stack ?? error)}\n`);
  process.exitCode = 1;
} finally {
  cleanup();
}
