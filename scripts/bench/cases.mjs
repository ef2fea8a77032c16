// The bench's cases. Each group interleaves its commands with its own baseline in a shuffled order
// per round, so drift on a noisy machine hits both alike; ratios are medians over medians.
import { call, indexStatus, REGION, startCountingProxy, waitActive } from './dynamo.mjs';
import { INK_HELLO_READY } from './ink-hello.mjs';
import { firstScreen, median, peakRss, run } from './measure.mjs';

const RSS_RUNS = 5;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function shuffle(list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Runs each case once per round (plus one unrecorded warm-up round); returns times and problems. */
async function rounds(names, runs, runOne) {
  const ms = Object.fromEntries(names.map((n) => [n, []]));
  const problems = {};
  for (let round = -1; round < runs; round++) {
    for (const name of shuffle(names)) {
      const r = await runOne(name);
      if (r.problem) problems[name] ??= r.problem;
      if (round >= 0) ms[name].push(r.ms);
    }
  }
  return { ms, problems };
}

function summary(samples, baselineMs, extra = {}) {
  const m = median(samples);
  return {
    medianMs: round1(m),
    ratio: baselineMs && m !== undefined ? Math.round((m / baselineMs) * 100) / 100 : undefined,
    samplesMs: samples.map(round1),
    ...extra,
  };
}
const round1 = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);
const firstLine = (s) => s.trim().split('\n')[0]?.slice(0, 160) ?? '';

/** Peak RSS (MiB, median of a few runs) of each command. */
async function rssOf(argvFor, env) {
  const kib = [];
  for (let i = 0; i < RSS_RUNS; i++) kib.push((await peakRss(argvFor(i), env)).kib);
  const m = median(kib);
  return m === undefined ? undefined : Math.round((m / 1024) * 10) / 10;
}

/** --version, --help and --generate-iam against bare `node -e 0`. */
export async function benchStartup({ node, cli, env, runs }) {
  const cases = {
    baseline: { argv: [node, '-e', '0'], check: () => undefined },
    version: { argv: [node, cli, '--version'], check: (r) => (/^\d+\.\d+\.\d+/.test(r.stdout.trim()) ? undefined : 'no version printed') },
    help: { argv: [node, cli, '--help'], check: (r) => (/--generate-iam/.test(r.stdout + r.stderr) ? undefined : 'help does not list the flags') },
    generateIam: {
      argv: [node, cli, '--generate-iam', '--region', REGION, '--account-id', '123456789012'],
      check: (r) => (/"Statement"/.test(r.stdout) ? undefined : 'no policy printed'),
    },
  };
  const { ms, problems } = await rounds(Object.keys(cases), runs, async (name) => {
    const r = await run(cases[name].argv, env);
    const problem = r.code !== 0 ? `exit ${r.code}: ${firstLine(r.stderr || r.stdout)}` : cases[name].check(r);
    return { ms: r.ms, problem };
  });
  const base = median(ms.baseline);
  const out = {};
  for (const [name, c] of Object.entries(cases)) {
    out[name] = summary(ms[name], base, { command: c.argv.slice(1).join(' '), peakRssMiB: await rssOf(() => c.argv, env), problem: problems[name] });
  }
  return out;
}

/**
 * Time until the wizard's first screen (its kind list) in a pseudo-terminal, against an Ink hello
 * world bundled the same way (the target) and node printing one word there (for scale).
 */
export async function benchWizard({ node, cli, env, runs, inkHello }) {
  const cases = {
    ptyBaseline: { argv: [node, '-e', "process.stdout.write('ready\\n')"], ready: /ready/ },
    inkHello: { argv: [node, inkHello], ready: INK_HELLO_READY },
    // The first step lists the three kinds; the last one drawn means the whole list is on screen.
    wizard: { argv: [node, cli], ready: /breakglass/ },
    // The first run after an install or upgrade, before V8's code cache for the chunks exists.
    wizardNoCache: { argv: [node, cli], ready: /breakglass/, env: { ...env, SENTINEL_INIT_NO_CODE_CACHE: '1' }, noRss: true },
  };
  const { ms, problems } = await rounds(Object.keys(cases), runs, async (name) => {
    const r = await firstScreen(cases[name].argv, cases[name].env ?? env, { ready: cases[name].ready });
    const problem = r.ms === undefined ? `no first screen within 10 s (exit ${r.code}): ${firstLine(r.text)}` : undefined;
    return { ms: r.ms, problem };
  });
  const base = median(ms.ptyBaseline);
  const hello = median(ms.inkHello);
  const out = {};
  for (const [name, c] of Object.entries(cases)) {
    const kib = [];
    for (let i = 0; i < (c.noRss ? 0 : RSS_RUNS); i++) kib.push((await firstScreen(c.argv, env, { ready: c.ready, rss: true })).kib);
    const rss = median(kib);
    out[name] = summary(ms[name], base, {
      command: `${c.argv.slice(1).join(' ') || '(no arguments)'} in a 100x30 pty`,
      peakRssMiB: rss === undefined ? undefined : Math.round((rss / 1024) * 10) / 10,
      problem: problems[name],
      toInkHello: hello && median(ms[name]) !== undefined ? Math.round((median(ms[name]) / hello) * 100) / 100 : undefined,
    });
  }
  return out;
}

let tableCounter = 0;
/** Headless create of a sessions table on DynamoDB Local (two unrecorded warm-up creates for the JVM). */
export async function benchCreate({ node, cli, env, runs, endpoint }) {
  const argvFor = () => [node, cli, 'sessions', '--table', `bench-create-${process.pid}-${tableCounter++}`, '--region', REGION, '--endpoint-url', endpoint, '--yes', '--json'];
  await run(argvFor(), env);
  const cases = { createBaseline: () => [node, '-e', '0'], create: argvFor, createNoCache: argvFor };
  const noCache = { ...env, SENTINEL_INIT_NO_CODE_CACHE: '1' };
  const { ms, problems } = await rounds(Object.keys(cases), runs, async (name) => {
    const r = await run(cases[name](), name === 'createNoCache' ? noCache : env);
    let problem;
    if (name !== 'createBaseline' && !/"status"\s*:\s*"created"/.test(r.stdout)) problem = `exit ${r.code}: ${firstLine(r.stderr || r.stdout)}`;
    return { ms: r.ms, problem };
  });
  const base = median(ms.createBaseline);
  return {
    createBaseline: summary(ms.createBaseline, base, { command: '-e 0 (alongside the creates)', peakRssMiB: await rssOf(cases.createBaseline, env) }),
    create: summary(ms.create, base, {
      command: 'sessions --table T --region us-east-1 --endpoint-url <DynamoDB Local> --yes --json',
      peakRssMiB: await rssOf(argvFor, env),
      problem: problems.create,
    }),
    createNoCache: summary(ms.createNoCache, base, { command: 'the same, with no code cache yet (first run)', problem: problems.createNoCache }),
  };
}

const S = (name) => ({ AttributeName: name, AttributeType: 'S' });
const gsi = (name, pk, sk) => ({
  IndexName: name,
  KeySchema: [{ AttributeName: pk, KeyType: 'HASH' }, { AttributeName: sk, KeyType: 'RANGE' }],
  Projection: { ProjectionType: 'ALL' },
});

/** The index the wait bench has the tool add. */
const INDEX = 'gsi-server-instance';

/** A sessions table that lacks Sentinel's gsi-server-instance (an older layout): the tool adds it. */
async function createOldSessionsTable(endpoint, table) {
  await call(endpoint, 'CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: ['id', 'user', 'created_at', 'status', 'profile'].map(S),
    GlobalSecondaryIndexes: [gsi('gsi-user', 'user', 'created_at'), gsi('gsi-status', 'status', 'created_at'), gsi('gsi-profile', 'profile', 'created_at')],
    SSESpecification: { Enabled: true, SSEType: 'KMS' },
    DeletionProtectionEnabled: true,
  });
  await waitActive(endpoint, table);
  await call(endpoint, 'UpdateTimeToLive', { TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
}

/** Watches DescribeTable directly every 25 ms: when did the index really turn ACTIVE? */
function watchIndex(endpoint, table, index) {
  const seen = { lastNotActiveAt: undefined, firstActiveAt: undefined };
  let stop = false;
  const done = (async () => {
    while (!stop && seen.firstActiveAt === undefined) {
      const sentAt = performance.now();
      const status = indexStatus(await call(endpoint, 'DescribeTable', { TableName: table }), index);
      if (status === 'ACTIVE') seen.firstActiveAt = performance.now();
      else seen.lastNotActiveAt = sentAt;
      await sleep(25);
    }
  })();
  return { seen, stop: async () => ((stop = true), await done) };
}

/** Most calls that fall inside any one-second window. */
function busiestSecond(times) {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Has the tool add gsi-server-instance to an old table under -delayTransientStatuses; times its noticing. */
export async function benchWait({ node, cli, env, runs, endpoint, log }) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const table = `bench-wait-${process.pid}-${tableCounter++}`;
    await createOldSessionsTable(endpoint, table);
    const proxy = await startCountingProxy(endpoint, INDEX);
    const watcher = watchIndex(endpoint, table, INDEX);
    const argv = [node, cli, 'sessions', '--table', table, '--region', REGION, '--endpoint-url', proxy.endpoint, '--yes', '--json'];
    const r = await run(argv, env);
    await watcher.stop();
    await proxy.stop();
    const { firstActiveAt, lastNotActiveAt } = watcher.seen;
    const noticedAt = proxy.state.firstActiveSeenAt;
    const updateAt = proxy.calls.find((c) => c.op === 'UpdateTable')?.at;
    const waiting = proxy.calls.filter((c) => c.op === 'DescribeTable' && updateAt !== undefined && c.at > updateAt && (noticedAt === undefined || c.at <= noticedAt));
    const sample = {
      ok: r.code === 0 && /"status"\s*:\s*"updated"/.test(r.stdout),
      problem: r.code === 0 ? undefined : `exit ${r.code}: ${firstLine(r.stderr || r.stdout)}`,
      // Upper bound: from the last moment the watcher still saw it building.
      latencyMs: noticedAt !== undefined && lastNotActiveAt !== undefined ? round1(noticedAt - lastNotActiveAt) : undefined,
      latencyLowerBoundMs: noticedAt !== undefined && firstActiveAt !== undefined ? round1(noticedAt - firstActiveAt) : undefined,
      waitS: noticedAt !== undefined && updateAt !== undefined ? round1((noticedAt - updateAt) / 1000) : undefined,
      describeCallsWaiting: waiting.length,
      busiestSecondCalls: busiestSecond(waiting.map((c) => c.at)),
      describeCallsTotal: proxy.calls.filter((c) => c.op === 'DescribeTable').length,
    };
    sample.callsPerSecond = sample.waitS ? Math.round((sample.describeCallsWaiting / sample.waitS) * 100) / 100 : undefined;
    log(`  run ${i + 1}: ${JSON.stringify(sample)}`);
    samples.push(sample);
  }
  return {
    latencyMs: median(samples.map((s) => s.latencyMs)),
    maxLatencyMs: Math.max(...samples.map((s) => s.latencyMs ?? Number.NaN)),
    callsPerSecond: median(samples.map((s) => s.callsPerSecond)),
    busiestSecondCalls: Math.max(...samples.map((s) => s.busiestSecondCalls)),
    problem: samples.find((s) => !s.ok)?.problem ?? (samples.some((s) => !s.ok) ? 'the tool did not report "updated"' : undefined),
    samples,
  };
}

/** AWS calls one headless create makes, counted by a proxy in front of DynamoDB Local, by operation. */
export async function callsPerCreate({ node, cli, env, endpoint }) {
  const proxy = await startCountingProxy(endpoint, '');
  try {
    const table = `bench-calls-${process.pid}-${tableCounter++}`;
    const r = await run([node, cli, 'sessions', '--table', table, '--region', REGION, '--endpoint-url', proxy.endpoint, '--yes', '--json'], env);
    const byOperation = {};
    for (const c of proxy.calls) byOperation[c.op] = (byOperation[c.op] ?? 0) + 1;
    const problem = /"status"\s*:\s*"created"/.test(r.stdout) ? undefined : `exit ${r.code}: ${firstLine(r.stderr || r.stdout)}`;
    return { total: proxy.calls.length, byOperation, problem };
  } finally {
    await proxy.stop();
  }
}
