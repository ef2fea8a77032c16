/**
 * The next steps after an apply: where each of Sentinel's consumers reads this table's name, with
 * the name filled in. Both faces print these lines; --json lists the entries.
 */
import { CDK, DEPLOY_TOOLS, type DeployTool } from '../core/deploy-tools.js';
import { KINDS, type KindName, type Wiring } from '../core/kinds.js';
import { TVM_CALLS } from '../sentinel/tvm-calls.js';
import { printedCommand } from '../core/shell.js';
import { generateIamCommand } from './command-line.js';

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

/** A table the next steps are about. */
export interface DeployTable {
  kind: KindName;
  table: string;
  region: string;
}

/** A shortfall of a deploy tool for these tables, and what to do about it. */
export interface DeployGap {
  gap: string;
  fix: string;
}

/** One of Sentinel's deploy tools with these tables as its inputs (`setting`: the lines to use), and its gaps. */
export interface DeployStep {
  tool: DeployTool['name'];
  path: string;
  inputs: { input: string; variable: string; value: string }[];
  setting: string[];
  gaps: DeployGap[];
}

/**
 * The runtime policy's command: the operations statement of --generate-iam. (`--generate-iam runtime`
 * is the runtime-only form the policy split introduces; until then the same statement is in --generate-iam.)
 */
export function runtimePolicyCommand(kind: KindName, table: string, region: string, accountId?: string): string {
  return generateIamCommand({ kind, policy: 'runtime', table, region, ...(accountId && { accountId }) });
}

/** The runtime policy, named with its command, for a fix line. */
export const runtimePolicyText = (t: DeployTable, accountId?: string) => `the runtime policy (\`${runtimePolicyCommand(t.kind, t.table, t.region, accountId)}\`)`;

/** Each deploy tool's inputs for these tables, with each gap the Lambda TVM would meet and its fix. */
export function deploySteps(tables: readonly DeployTable[]): DeployStep[] {
  return DEPLOY_TOOLS.map((tool) => {
    const inputs: DeployStep['inputs'] = [];
    const gaps: DeployGap[] = [];
    for (const t of tables) {
      for (const w of KINDS[t.kind].wiring.filter((x) => x.consumer === 'Lambda TVM')) {
        if (!w.deploy) {
          gaps.push({
            gap: `no input for the ${t.kind} table (${w.name})`,
            fix: `set ${w.name}=${t.table} on the function by hand (SENTINEL_RATE_LIMIT_REQUESTS: default 100, 0 turns rate limiting off) and attach ${runtimePolicyText(t)} to its role ${tool.roleName}; a later deploy may drop the variable`,
          });
          continue;
        }
        inputs.push({ input: tool.name === 'CDK' ? w.deploy.cdk : w.deploy.terraform, variable: w.name, value: t.table });
        const indexes = TVM_CALLS[t.kind].filter((c) => c.index && !tool.grantsIndexes);
        for (const call of indexes) {
          gaps.push({
            gap: `its role may call DynamoDB on table ARNs only, so the Lambda's ${call.action.replace('dynamodb:', '')} on ${call.index} of ${t.table} is denied: ${call.loses}`,
            fix: `attach ${runtimePolicyText(t)} to the stack's role ${tool.roleName}`,
          });
        }
      }
    }
    const setting =
      tool.name === 'CDK'
        ? [['cdk deploy', ...inputs.map((i) => `-c ${i.input}=${i.value}`)].join(' ')]
        : ['module "sentinel_tvm" {', ...inputs.map((i) => `  ${i.input.padEnd(Math.max(...inputs.map((x) => x.input.length)))} = "${i.value}"`), '}'];
    return { tool: tool.name, path: tool.path, inputs, setting: inputs.length > 0 ? setting : [], gaps };
  });
}

/** Where the run went, for the doctor command it prints: the same profile and endpoint. */
export interface DoctorTarget {
  profile?: string;
  endpointUrl?: string;
}

/** `sentinel-init doctor --function … --region …` on the run's own target (src/core/shell.ts builds it). */
export function doctorCommand(region: string, target: DoctorTarget = {}): string {
  const args = ['doctor', '--function', CDK.functionName];
  if (target.profile !== undefined) args.push('--aws-profile', target.profile);
  if (target.endpointUrl) args.push('--endpoint-url', target.endpointUrl);
  return printedCommand('sentinel-init', [...args, '--region', region]);
}

/** The next steps in Sentinel's deploy tools: each tool's lines, gaps and fixes, then the doctor command. */
export function deployLines(tables: readonly DeployTable[], target: DoctorTarget = {}): string[] {
  if (tables.length === 0) return [];
  const lines = ["Deploying Sentinel's Lambda TVM with Sentinel's own tools:"];
  for (const step of deploySteps(tables)) {
    const head = `  ${step.tool.padEnd(9)}  `;
    if (step.setting.length > 0) {
      lines.push(`${head}${step.setting[0]}${step.setting.length === 1 ? `  (in ${step.path})` : `  # ${step.path}`}`);
      for (const more of step.setting.slice(1)) lines.push(`${' '.repeat(head.length)}${more}`);
    } else lines.push(`${head}(${step.path})`);
    for (const g of step.gaps) lines.push(`    gap: ${g.gap}`, `    fix: ${g.fix}`);
  }
  const region = tables[0]?.region ?? '';
  lines.push(`  Then check the deployed function: ${doctorCommand(region, target)}`);
  return lines;
}
