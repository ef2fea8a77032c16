/**
 * `doctor`: whether a deployed Lambda TVM can use the tables its environment names. It reads the
 * function's configuration, then for each table: DescribeTable in the function's region (where the
 * Lambda calls DynamoDB: lambda/config.go:201,206 read AWS_REGION, which Lambda sets to its own),
 * the kind check, and IAM's decision for every call the Lambda TVM makes on it (src/sentinel/tvm-calls.ts)
 * with the execution role as principal. Read-only: nothing here writes anywhere.
 */
import type { DeployedApi, EvalDecision } from '../aws/deployed.js';
import { errorName } from '../aws/transport-errors.js';
import type { ActualTable } from '../engine/types.js';
import { TVM_CALLS } from '../sentinel/tvm-calls.js';
import { environmentFindings, tablesRead } from './environment.js';
import { headlessCommandFor, runtimeStatement } from './fixes.js';
import { runtimePolicyText } from '../service/wiring.js';
import { schemaFindings } from './schema.js';
import type { CallCheck, DoctorReport, Finding, TableCheck } from './types.js';

type Described = Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'>;

export interface DoctorPorts {
  deployed: DeployedApi;
  /** DescribeTable in `region`, normalised; undefined when there is no such table. */
  describe(region: string, table: string, signal?: AbortSignal): Promise<Described | undefined>;
  /** The other regions of the partition, to look in when a table is missing in the function's. */
  otherRegions(partition: string, except: string): Promise<string[]>;
}

/** The doctor's own permission for a call it could not make, as a fix. */
const OWN = (action: string) => `give the identity running doctor ${action} (README, "doctor's own permissions"), then run it again`;

const short = (error: unknown) => `${errorName(error) || 'Error'}: ${((error as Error)?.message ?? '').split('\n')[0]}`;

/** Regions (of `candidates`) where `table` exists; a region that fails to answer counts as not. */
async function findElsewhere(ports: DoctorPorts, candidates: readonly string[], table: string, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  const queue = [...candidates];
  // A few at a time: the partition has dozens of regions, and opt-in ones refuse the credentials.
  const worker = async () => {
    for (let r = queue.shift(); r !== undefined; r = queue.shift()) {
      if (signal?.aborted) return;
      if (await ports.describe(r, table, signal).catch(() => undefined)) found.push(r);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return candidates.filter((r) => found.includes(r));
}

/** Runs every check; AWS errors of the function read propagate (the face says them), the rest become findings. */
export async function runDoctor(functionRef: string, ports: DoctorPorts, signal?: AbortSignal): Promise<DoctorReport> {
  const config = await ports.deployed.getFunctionConfiguration(functionRef, signal);
  const [, partition = 'aws', , region = '', account = ''] = config.functionArn.split(':');
  const roleName = config.role.split('/').pop() ?? config.role;
  const report: DoctorReport = { function: config.functionName, functionArn: config.functionArn, region, role: config.role, tables: [], findings: [] };
  if (!config.variables) {
    report.findings.push({ code: 'environment-unreadable', message: `Lambda did not give the function's environment variables (${config.envError ?? 'no reason given'}).`, fix: 'give the identity running doctor kms:Decrypt on the key that encrypts them, then run it again' });
    return report;
  }
  const vars = config.variables;
  report.findings.push(...environmentFindings(vars, region, roleName));
  let iamProblem: string | undefined;
  for (const { variable, kind, table } of tablesRead(vars)) {
    const where = { kind, table, region };
    const tableArn = `arn:${partition}:dynamodb:${region}:${account}:table/${table}`;
    const check: TableCheck = { variable, kind, table, region, exists: false, tableArn, calls: [] };
    report.tables.push(check);
    try {
      const described = await ports.describe(region, table, signal);
      check.exists = described !== undefined;
      if (described) report.findings.push(...schemaFindings(kind, variable, described, region));
      else {
        check.elsewhere = await findElsewhere(ports, await ports.otherRegions(partition, region), table, signal);
        const create = `create it there: \`${headlessCommandFor(where)}\``;
        report.findings.push(
          check.elsewhere.length > 0
            ? { code: 'table-other-region', variable, message: `${variable}=${table}: the table is in ${check.elsewhere.join(', ')}, not in ${region}, where the Lambda TVM calls DynamoDB.`, fix: `${create}, or deploy the function in ${check.elsewhere[0]}` }
            : { code: 'table-missing', variable, message: `${variable}=${table}: no such table in ${region}, where the Lambda TVM calls DynamoDB.`, fix: create },
        );
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      report.findings.push({ code: 'unchecked', variable, message: `Could not describe table ${table} in ${region} (${short(error)}).`, fix: OWN('dynamodb:DescribeTable') });
    }
    // One question per resource: the table, or an index the Lambda queries.
    const byResource = new Map<string, string[]>();
    for (const call of TVM_CALLS[kind]) {
      const resource = call.index ? `${tableArn}/index/${call.index}` : tableArn;
      byResource.set(resource, [...(byResource.get(resource) ?? []), call.action]);
    }
    const denied: { call: CallCheck; decision: EvalDecision }[] = [];
    for (const [resource, actions] of byResource) {
      let decisions: Record<string, EvalDecision> | undefined;
      if (!iamProblem) {
        try {
          decisions = await ports.deployed.simulate(config.role, actions, resource, signal);
        } catch (error) {
          if (signal?.aborted) throw error;
          iamProblem = short(error);
        }
      }
      for (const action of actions) {
        const call: CallCheck = { action, resource, ...(decisions?.[action] && { decision: decisions[action] }) };
        check.calls.push(call);
        if (call.decision && call.decision !== 'allowed') denied.push({ call, decision: call.decision });
      }
    }
    if (denied.length > 0) report.findings.push(deniedFinding(variable, where, account, partition, roleName, denied));
  }
  if (iamProblem) report.findings.push({ code: 'unchecked', message: `Could not ask IAM what role ${roleName} may call (${iamProblem}).`, fix: OWN('iam:SimulatePrincipalPolicy') });
  return report;
}

/** One finding per table: the calls the role may not make, what the Lambda loses, and the policy that grants them. */
function deniedFinding(variable: string, where: { kind: TableCheck['kind']; table: string; region: string }, account: string, partition: string, roleName: string, denied: { call: CallCheck; decision: EvalDecision }[]): Finding {
  const calls = TVM_CALLS[where.kind];
  const said = denied.map(({ call, decision }) => {
    const index = call.resource.split('/index/')[1];
    return `${call.action} on ${index ? `index ${index} of ${where.table}` : `table ${where.table}`} (${decision})`;
  });
  const loses = [...new Set(denied.map(({ call }) => calls.find((c) => c.action === call.action && (c.index ?? '') === (call.resource.split('/index/')[1] ?? ''))?.loses).filter(Boolean))];
  const explicit = denied.some((d) => d.decision === 'explicitDeny');
  const policy = runtimeStatement(where.kind, where.table, where.region, account, partition);
  return {
    code: 'denied',
    variable,
    message: `Role ${roleName} may not call ${said.join(', ')}: ${loses.join('; ')}.`,
    fix: explicit
      ? `a Deny in role ${roleName}'s policies, its permissions boundary or an SCP refuses it: remove that Deny, and attach ${runtimePolicyText(where, account)} to the role`
      : `attach ${runtimePolicyText(where, account)} to role ${roleName}`,
    ...(policy && { policy }),
  };
}
