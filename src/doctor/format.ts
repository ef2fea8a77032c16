/** doctor's report for people (one line per table and per finding, each finding with its fix) and as one JSON document. Pure. */
import { aKind } from '../core/kinds.js';
import type { DoctorReport, TableCheck } from './types.js';

const shortAction = (a: string) => a.replace('dynamodb:', '');

/** What the tables' line says when all is well: the kind and the calls the role may make. */
function tableLine(t: TableCheck, report: DoctorReport): string | undefined {
  if (report.findings.some((f) => f.variable === t.variable)) return undefined;
  const allowed = t.calls.filter((c) => c.decision === 'allowed');
  if (allowed.length !== t.calls.length) return undefined;
  const on = [...new Set(allowed.map((c) => (c.resource.includes('/index/') ? `${shortAction(c.action)} on ${c.resource.split('/index/')[1]}` : shortAction(c.action))))];
  return `  ✓ ${t.variable}=${t.table}: ${aKind(t.kind)} table; the role may ${on.join(', ')}`;
}

/** The report as lines: the function, each good table, each finding with its fix, and the count. */
export function doctorText(report: DoctorReport): string {
  const role = report.role.split('/').pop();
  const lines = [`Function ${report.function} in ${report.region}, role ${role}:`];
  if (report.tables.length === 0 && report.findings.length === 0) lines.push("  The function's environment names none of Sentinel's tables.");
  for (const t of report.tables) {
    const line = tableLine(t, report);
    if (line) lines.push(line);
  }
  for (const f of report.findings) lines.push(`  ✗ ${f.message} Fix: ${f.fix}.`);
  const n = report.findings.length;
  lines.push(n === 0 ? 'All good: the Lambda TVM can use every table it names.' : `${n} ${n === 1 ? 'finding' : 'findings'}.`);
  return `${lines.join('\n')}\n`;
}

/** The --json document: the report as it is, and `ok`. */
export function doctorDocument(report: DoctorReport): Record<string, unknown> {
  return { ok: report.findings.length === 0, ...report };
}
