/**
 * Miswirings read from the function's environment alone, as Sentinel's Lambda TVM reads it
 * (mateoblack/sentinel b6142c9e, lambda/config.go): which table variables it reads, and whether
 * rate limiting is on and where it counts. Pure.
 */
import type { KindName } from '../core/kinds.js';
import { TVM_TABLE_VARIABLES } from '../sentinel/tvm-calls.js';
import { headlessCommandFor } from './fixes.js';
import { runtimePolicyText } from '../service/wiring.js';
import type { Finding } from './types.js';

/**
 * The variable Sentinel's `init approvals` advises (cli/init_approvals.go:234) and nothing reads: the
 * Lambda TVM reads SENTINEL_APPROVAL_TABLE (lambda/config.go:33,266). Named here only to find it.
 */
export const UNREAD_APPROVALS_VARIABLE = 'SENTINEL_REQUEST_TABLE';

const REQUESTS = 'SENTINEL_RATE_LIMIT_REQUESTS';
const RATE_TABLE = 'SENTINEL_RATE_LIMIT_TABLE';
/** lambda/config.go:83: DefaultRateLimitRequests. */
const DEFAULT_REQUESTS = 100;

/** Go's strconv.Atoi on a 64-bit int: optional sign, decimal digits, nothing else; undefined when it fails. */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

/** Requests per window as the Lambda reads them (lambda/config.go:340-347); undefined: it fails to start. */
export function rateLimitRequests(vars: Readonly<Record<string, string>>): number | undefined {
  const text = vars[REQUESTS];
  return text === undefined || text === '' ? DEFAULT_REQUESTS : goAtoi(text);
}

/** The tables the Lambda TVM reads: each variable it reads that holds a name (the rate-limit one only while the limit is on). */
export function tablesRead(vars: Readonly<Record<string, string>>): { variable: string; kind: KindName; table: string }[] {
  const limited = (rateLimitRequests(vars) ?? 0) > 0;
  return TVM_TABLE_VARIABLES.flatMap(({ kind, variable }) => {
    const table = vars[variable];
    if (!table || (kind === 'ratelimit' && !limited)) return [];
    return [{ variable, kind, table }];
  });
}

/** The miswirings of the environment, each with its fix. */
export function environmentFindings(vars: Readonly<Record<string, string>>, region: string, role: string): Finding[] {
  const findings: Finding[] = [];
  const requestTable = vars[UNREAD_APPROVALS_VARIABLE];
  if (requestTable !== undefined) {
    const approvals = vars.SENTINEL_APPROVAL_TABLE;
    findings.push({
      code: 'request-table-variable',
      variable: UNREAD_APPROVALS_VARIABLE,
      message: `${UNREAD_APPROVALS_VARIABLE}=${requestTable} is set, but nothing in Sentinel reads it${approvals ? '' : ': the Lambda TVM has no approvals table and never finds an approved request'}.`,
      fix: approvals ? `remove ${UNREAD_APPROVALS_VARIABLE}; the approvals table is SENTINEL_APPROVAL_TABLE=${approvals}` : `set SENTINEL_APPROVAL_TABLE=${requestTable} instead (CDK: -c approvalTable=${requestTable}; Terraform: approval_table = "${requestTable}")`,
    });
  }
  for (const { variable } of TVM_TABLE_VARIABLES) {
    if (vars[variable] === '') {
      findings.push({ code: 'empty-variable', variable, message: `${variable} is set but empty: the Lambda TVM reads that as not set.`, fix: `set ${variable} to the table's name, or remove it` });
    }
  }
  const requests = rateLimitRequests(vars);
  const rateTable = vars[RATE_TABLE];
  if (requests === undefined) {
    findings.push({ code: 'rate-limit-invalid', variable: REQUESTS, message: `${REQUESTS}=${vars[REQUESTS]} is not a whole number: the Lambda TVM fails to start (lambda/config.go:341-345).`, fix: `set ${REQUESTS} to a whole number of requests per window (default ${DEFAULT_REQUESTS}; 0 turns rate limiting off)` });
  } else if (requests > 0 && !rateTable) {
    const said = vars[REQUESTS] ? `${REQUESTS}=${vars[REQUESTS]}` : `${REQUESTS} not set, so ${DEFAULT_REQUESTS}`;
    const table = { kind: 'ratelimit' as const, table: 'sentinel-ratelimit', region };
    findings.push({
      code: 'rate-limit-in-memory',
      variable: RATE_TABLE,
      message: `Rate limiting is on (${said}) without ${RATE_TABLE}: each Lambda instance counts on its own, in memory, so the limit is not kept across instances.`,
      fix: `set ${RATE_TABLE}=${table.table} (create it: \`${headlessCommandFor(table)}\`) and attach ${runtimePolicyText(table)} to role ${role}; or set ${REQUESTS}=0 to turn rate limiting off`,
    });
  } else if (requests <= 0 && rateTable) {
    findings.push({ code: 'rate-limit-table-unread', variable: RATE_TABLE, message: `${RATE_TABLE}=${rateTable} is set but never read: rate limiting is off (${REQUESTS}=${vars[REQUESTS]}).`, fix: `set ${REQUESTS} to the requests allowed per window (default ${DEFAULT_REQUESTS}), or remove ${RATE_TABLE}` });
  }
  return findings;
}
