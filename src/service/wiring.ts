/**
 * The next steps after an apply: where each of Sentinel's consumers reads this table's name, with
 * the name filled in. Both faces print these lines; --json lists the entries.
 */
import { KINDS, type KindName, type Wiring } from '../core/kinds.js';

/** One consumer's setting, with the table name as `value`. */
export type WiringStep = Wiring & { value: string };

/** The kind's consumers, each with the table name. */
export function wiringFor(kind: KindName, table: string): WiringStep[] {
  return KINDS[kind].wiring.map(({ consumer, kind: type, name, ...rest }) => ({ consumer, kind: type, name, value: table, ...rest }));
}

/** The widest consumer name: the column the settings line up after. */
export const CONSUMER_WIDTH = Math.max(...Object.values(KINDS).flatMap((k) => k.wiring.map((w) => w.consumer.length)));

/** What to set (`NAME=value` for a variable, `--flag value` for a flag) and where it applies (commands, or the condition). */
export function wiringParts(step: WiringStep): { setting: string; where?: string } {
  const setting = step.kind === 'env' ? `${step.name}=${step.value}` : `${step.name} ${step.value}`;
  return { setting, where: step.commands ? step.commands.join(', ') : step.note };
}

/**
 * One line per consumer: who, what to set, and on which commands or under which condition, e.g.
 * `Lambda TVM    SENTINEL_APPROVAL_TABLE=t` or `sentinel CLI  --request-table t  (request, list, …)`.
 */
export function wiringLine(step: WiringStep): string {
  const { setting, where } = wiringParts(step);
  return `${step.consumer.padEnd(CONSUMER_WIDTH)}  ${setting}${where ? `  (${where})` : ''}`;
}
