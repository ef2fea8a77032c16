/**
 * Whether a table is the kind its variable names, from DescribeTable alone (doctor's only DynamoDB
 * call): its key, the kind's indexes (above all the one the Lambda TVM queries), and no retired index
 * that makes Sentinel's writes fail. Pure; the engine's own plan reads more (TTL, PITR, tags).
 */
import { aKind, KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';
import { tableStateProblem } from '../engine/states.js';
import type { ActualTable } from '../engine/types.js';
import { queriedIndexes } from '../sentinel/tvm-calls.js';
import { headlessCommandFor } from './fixes.js';
import type { Finding } from './types.js';

type Described = Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'>;

/** The kind whose key and index names the table has exactly, if one. */
export function kindOfTable(table: Described): KindName | undefined {
  const names = new Set(table.indexes.map((i) => i.name));
  return KIND_NAMES.find((k) => {
    const spec = KINDS[k];
    if (spec.partitionKey !== table.partitionKey || table.sortKey !== undefined) return false;
    return spec.indexes.length === names.size && spec.indexes.every((i) => names.has(i.name));
  });
}

/** What keeps the Lambda TVM from using `table` as the `kind` table `variable` names. */
export function schemaFindings(kind: KindName, variable: string, table: Described, region: string): Finding[] {
  const where = { kind, table: table.name, region };
  const spec = KINDS[kind];
  const state = tableStateProblem(table.status);
  if (state) return [{ code: 'table-unusable', variable, message: `Table ${table.name} cannot be used: ${state.why}.`, fix: state.hint }];
  const looksLike = kindOfTable(table);
  const keyType = table.partitionKey ? table.attributeTypes[table.partitionKey] : undefined;
  if (table.partitionKey !== spec.partitionKey || table.sortKey !== undefined || (keyType !== undefined && keyType !== 'S') || (looksLike && looksLike !== kind)) {
    const what = looksLike && looksLike !== kind ? `it is ${aKind(looksLike)} table` : `its key is (${table.partitionKey ?? '?'}${table.sortKey ? `, ${table.sortKey}` : ''}), Sentinel's ${kind} store needs (${spec.partitionKey}) of type S`;
    return [{ code: 'table-other-kind', variable, message: `${variable}=${table.name} is not ${aKind(kind)} table: ${what}.`, fix: `point ${variable} at the ${kind} table (\`${headlessCommandFor({ kind, table: spec.defaultTable, region })}\` makes one)` }];
  }
  const findings: Finding[] = [];
  const queried = new Set(queriedIndexes(kind));
  const wrong = spec.indexes.filter((want) => {
    const have = table.indexes.find((i) => i.name === want.name);
    return !have || have.partitionKey !== want.partitionKey || have.sortKey !== want.sortKey || have.projection !== 'ALL';
  });
  if (wrong.length > 0) {
    const lambda = wrong.filter((i) => queried.has(i.name)).map((i) => i.name);
    const say = lambda.length > 0 ? ` (the Lambda TVM queries ${lambda.join(', ')}, so that fails)` : ' (the Lambda TVM does not query it; the sentinel CLI does)';
    findings.push({
      code: 'table-incomplete',
      variable,
      message: `Table ${table.name} lacks Sentinel's ${wrong.map((i) => i.name).join(', ')} as the ${kind} store queries ${wrong.length === 1 ? 'it' : 'them'}${say}.`,
      fix: `see the changes with \`${headlessCommandFor(where, '--plan')}\`, then make them with \`${headlessCommandFor(where)}\``,
    });
  }
  for (const retired of spec.retiredIndexes) {
    if (!table.indexes.some((i) => i.name === retired.name && i.partitionKey === retired.partitionKey)) continue;
    findings.push({ code: 'table-retired-index', variable, message: `Table ${table.name} has index ${retired.name}: ${retired.reason}.`, fix: `remove it with \`${headlessCommandFor(where)}\`` });
  }
  return findings;
}
