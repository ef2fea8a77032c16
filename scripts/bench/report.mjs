// The bench's table: one row per measure, with the target and whether it is met.

const ms = (x) => (x === undefined ? '—' : `${Math.round(x)} ms`);
const ratio = (x) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
const mib = (x) => (x === undefined ? '—' : `${x.toFixed(1)} MiB`);

/** Verdict of one row: the case's own problem first, then each target. */
function verdict(c, checks) {
  if (!c) return 'not run';
  if (c.problem) return `FAILS: ${c.problem}`;
  const missed = checks.filter(([ok]) => !ok).map(([, what]) => what);
  return missed.length ? `over: ${missed.join(', ')}` : 'ok';
}

/** Prints the table (markdown, so it can go in the README as is) to stdout. */
export function printTable(results) {
  const c = results.cases;
  const rows = [];
  const startup = (key, label, limit) => {
    const x = c[key];
    if (!x) return;
    const target = limit ? `≤ ${limit}×` : '';
    rows.push([label, ms(x.medianMs), ratio(x.ratio), mib(x.peakRssMiB), target, limit ? verdict(x, [[x.ratio <= limit, `${ratio(x.ratio)}`]]) : '']);
  };
  startup('baseline', '`node -e 0`', 0);
  startup('version', '`--version`', 1.2);
  startup('help', '`--help`', 1.2);
  startup('generateIam', '`--generate-iam`', 1.2);
  if (c.wizard) {
    rows.push(['`node` printing a word, in a pty', ms(c.ptyBaseline.medianMs), ratio(1), mib(c.ptyBaseline.peakRssMiB), '', '']);
    const h = c.inkHello;
    if (h) rows.push(['an Ink hello world, bundled alike, in a pty', ms(h.medianMs), ratio(h.ratio), mib(h.peakRssMiB), '', h.problem ? `FAILS: ${h.problem}` : '']);
    // The target is the ratio to the Ink hello world; the ratio to node is shown for scale.
    const wizardRow = (label, w, rss) => rows.push([label, ms(w.medianMs), `${ratio(w.ratio)} (${ratio(w.toInkHello)} Ink hello)`, rss, '≤ 1.15× Ink hello', verdict(w, [[w.toInkHello <= 1.15, `${ratio(w.toInkHello)} Ink hello`]])]);
    wizardRow('wizard: first screen, in a pty', c.wizard, mib(c.wizard.peakRssMiB));
    if (c.wizardNoCache) wizardRow('… first run, no code cache yet', c.wizardNoCache, '');
  }
  if (c.create) {
    const x = c.create;
    rows.push(['`node -e 0` (alongside the creates)', ms(c.createBaseline.medianMs), ratio(1), mib(c.createBaseline.peakRssMiB), '', '']);
    const over = x.medianMs - c.createBaseline.medianMs;
    rows.push([
      'headless create on DynamoDB Local',
      ms(x.medianMs),
      ratio(x.ratio),
      mib(x.peakRssMiB),
      '≤ node + 200 ms, ≤ 64 MiB',
      verdict(x, [
        [over <= 200, `node + ${ms(over)}`],
        [x.peakRssMiB === undefined || x.peakRssMiB <= 64, mib(x.peakRssMiB)],
      ]),
    ]);
    const n = c.calls;
    if (n) {
      const ops = Object.entries(n.byOperation).map(([op, k]) => `${k} ${op}`).join(', ');
      rows.push([`AWS calls per create (${ops})`, String(n.total), '', '', '≤ 7', verdict(n, [[n.total <= 7, `${n.total} calls`]])]);
    }
  }
  if (c.createNoCache) {
    const n = c.createNoCache;
    const over = n.medianMs - c.createBaseline.medianMs;
    rows.push(['… first run, no code cache yet', ms(n.medianMs), ratio(n.ratio), '', '≤ node + 200 ms', verdict(n, [[over <= 200, `node + ${ms(over)}`]])]);
  }
  if (c.wait) {
    const w = c.wait;
    rows.push(['wait: index ACTIVE → tool notices (median / max)', `${ms(w.latencyMs)} / ${ms(w.maxLatencyMs)}`, '', '', '≤ 1500 ms', verdict(w, [[w.maxLatencyMs <= 1500, `max ${ms(w.maxLatencyMs)}`]])]);
    rows.push([
      'wait: DescribeTable calls a second (median / busiest second)',
      `${w.callsPerSecond ?? '—'} / ${w.busiestSecondCalls}`,
      '',
      '',
      '≤ 1 a second',
      verdict({}, [[w.busiestSecondCalls <= 1, `${w.busiestSecondCalls} in one second`]]),
    ]);
  }
  const head = ['measure', 'median', '× baseline', 'peak RSS', 'target', 'verdict'];
  const lines = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  process.stdout.write(`\nsentinel-init bench — ${results.node}, ${results.platform}, medians of ${results.runs} interleaved runs\n\n${lines.join('\n')}\n\n`);
  for (const [name, why] of Object.entries(results.skipped ?? {})) process.stdout.write(`not measured: ${name} (${why})\n`);
  if (!results.rssMeasured) process.stdout.write('peak RSS not measured: /usr/bin/time (GNU time) is not installed\n');
}
