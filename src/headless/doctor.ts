/**
 * `sentinel-init doctor --function NAME|ARN`: the deployed Lambda TVM's tables and permissions, read
 * only. One line per good table and per finding (with its fix) on stdout, or one JSON document with
 * --json. Exit 0 all good, 1 findings (or AWS failure), 2 usage.
 */
import { credentialErrorToCli } from '../aws/credential-errors.js';
import { headlessMfaProvider } from '../aws/credentials.js';
import { createDeployedApi } from '../aws/deployed.js';
import { createDynamoApi } from '../aws/dynamo.js';
import { listRegions } from '../aws/regions.js';
import { transportErrorToCli } from '../aws/transport-errors.js';
import { AwsFailure, EXIT, Interrupted, UsageError } from '../core/errors.js';
import { regionOfFunctionRef } from '../core/function-ref.js';
import { doctorDocument, doctorText } from '../doctor/format.js';
import { runDoctor, type DoctorPorts } from '../doctor/run.js';
import { describeTableOnly } from '../engine/describe.js';
import type { Options } from '../service/options.js';
import { connect, resolveContext } from '../service/workflow.js';
import { FORMAT_VERSION } from './format.js';
import type { HeadlessIo } from './io.js';

/** doctor's own calls, as the optional statement the README gives. */
const OWN_POLICY = 'lambda:GetFunctionConfiguration, iam:SimulatePrincipalPolicy and dynamodb:DescribeTable (README, "doctor\'s own permissions")';

/** The sentence for a failed GetFunctionConfiguration. */
function functionError(error: unknown, ref: string, region: string, profile: string | undefined, env: NodeJS.ProcessEnv): unknown {
  const name = (error as { name?: string })?.name;
  if (name === 'ResourceNotFoundException') return new AwsFailure(`Function ${ref} does not exist in ${region}.`, 'Check --function and --region (a function ARN carries its own region).');
  if (name === 'AccessDeniedException') return new AwsFailure(`Not allowed to read function ${ref}'s configuration (lambda:GetFunctionConfiguration).`, `doctor needs ${OWN_POLICY}.`);
  if (name === 'EmptyAnswer') return new AwsFailure((error as Error).message, 'Check AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL and any proxy between here and Lambda.');
  const custom = env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL;
  return credentialErrorToCli(error, profile) ?? transportErrorToCli(error, { service: 'Lambda', endpoint: custom || `https://lambda.${region}.amazonaws.com`, operation: 'GetFunctionConfiguration', custom: Boolean(custom) }) ?? error;
}

/** Runs doctor; returns the exit code or throws a CliError. */
export async function doctorHeadless(options: Options, io: HeadlessIo): Promise<number> {
  const ref = options.functionRef ?? '';
  const arnRegion = regionOfFunctionRef(ref);
  if (arnRegion && options.region && options.region !== arnRegion) throw new UsageError(`--function ${ref} is in ${arnRegion}, but --region says ${options.region}.`, 'Leave out --region: the ARN names the region.');
  // The region and profile rules of every run (the kind is not used: doctor reads the tables the function names).
  const ctx = await resolveContext({ ...options, kind: 'sessions', region: arnRegion ?? options.region }, io.env);
  const conn = await connect(ctx, headlessMfaProvider(options.mfaCode, ctx.profile));
  const deployed = await createDeployedApi(conn.target, io.env);
  // Another region's lookups give up sooner: a region that is not enabled only means "not there".
  const quick = { ...io.env, AWS_MAX_ATTEMPTS: '2' };
  const clients = new Map([[ctx.region, conn.dynamo]]);
  const ports: DoctorPorts = {
    deployed,
    describe: async (region, table, signal) => {
      let client = clients.get(region);
      if (!client) clients.set(region, (client = await createDynamoApi({ ...conn.target, region }, quick)));
      return describeTableOnly(client, table, signal);
    },
    otherRegions: async (partition, except) => (await listRegions()).filter((r) => r.partition === partition && r.id !== except).map((r) => r.id),
  };
  let report;
  try {
    report = await runDoctor(ref, ports, io.signal);
  } catch (error) {
    if (io.signal?.aborted) throw new Interrupted('Interrupted: doctor changes nothing, so nothing was left behind.');
    throw functionError(error, ref, ctx.region, ctx.profile, io.env);
  }
  io.stdout.write(options.json ? `${JSON.stringify({ formatVersion: FORMAT_VERSION, command: 'doctor', ...doctorDocument(report) }, null, 2)}\n` : doctorText(report));
  return report.findings.length === 0 ? EXIT.ok : EXIT.failure;
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
