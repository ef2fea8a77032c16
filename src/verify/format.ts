/** The verify report for people: one line per pattern, the same words in both faces. */
import type { CheckResult, VerifyReport } from './types.js';
import { SENTINEL_SOURCE } from '../sentinel/source.js';

export const MARK: Record<CheckResult['outcome'], string> = { pass: '✓', fail: '✗', denied: '⊘', skipped: '-' };

/** e.g. "✓ session.Create (server mode, no device)  PutItem" or "✗ …  PutItem: ValidationException: …". */
export function checkLine(r: CheckResult): string {
  const detail = r.outcome === 'pass' ? '' : r.outcome === 'skipped' ? `: skipped, ${r.detail ?? ''}` : `: ${r.detail ?? r.outcome}`;
  return `${MARK[r.outcome]} ${r.method}  ${r.action}${detail}`;
}

/** The heading above the lines. */
export function verifyHeading(kind: string, table: string, region: string): string {
  return `Sentinel's access patterns on ${kind} table ${table} in ${region} (as ${SENTINEL_SOURCE.repository} ${SENTINEL_SOURCE.commit} sends them):`;
}

/** The last line: how many passed, and what the others were. */
export function verifySummary(report: VerifyReport): string {
  const total = report.checks.length;
  const count = (o: CheckResult['outcome']) => report.checks.filter((c) => c.outcome === o).length;
  const left = report.probesLeft.length > 0 ? ` ${probesSentence(`table ${report.table}`, report.probesLeft, report.cleanCommand ?? '')}` : '';
  if (report.passed) return `All ${total} patterns work.${left}`;
  const parts = [
    count('fail') && `${count('fail')} failed`,
    count('denied') && `${count('denied')} not permitted to this caller`,
    count('skipped') && `${count('skipped')} skipped`,
  ].filter(Boolean);
  return `${count('pass')} of ${total} patterns work; ${parts.join(', ')}.${left}`;
}

/**
 * What became of a run's probe items, `where` being "table T" or "it": none left, or each one left
 * (or not confirmed removed) named with the command that removes it.
 */
export function probesSentence(where: string, left: readonly string[], cleanCommand: string): string {
  if (left.length === 0) return `No probe item is left in ${where}.`;
  return `Probe items not removed from ${where}: ${left.join(', ')}; \`${cleanCommand}\` removes them.`;
}
