/**
 * --generate-iam: the policy document on stdout, fully offline. No credentials, no network, no SDK:
 * the region comes from the flag or the environment, else (softly) the profile, else `*`.
 */
import { loadProfiles } from '../aws/profiles.js';
import { UsageError } from '../core/errors.js';
import { KINDS } from '../core/kinds.js';
import type { Options } from '../service/options.js';
import { arnRegion, offlineKeyArn } from '../core/kms-key.js';
import { partitionForRegion, policyJson } from '../policy/iam.js';
import { validateRegion, validateTableName } from '../core/validate.js';
import type { HeadlessIo } from './io.js';

/** The profile's region, or undefined when the files cannot tell (never fails the offline path). */
async function profileRegion(name: string): Promise<string | undefined> {
  try {
    return (await loadProfiles()).find((p) => p.name === name)?.region;
  } catch {
    return undefined;
  }
}

/** Prints the policy for the kind and table; returns the exit code. */
export async function generateIam(options: Options, io: HeadlessIo): Promise<number> {
  const table = options.table ?? KINDS[options.kind].defaultTable;
  const tableProblem = validateTableName(table);
  if (tableProblem) throw new UsageError(tableProblem, 'Check --table.');

  let region = options.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined);
  const fromEnv = options.region === undefined && region !== undefined;
  if (region === undefined) region = await profileRegion(options.profile ?? (io.env.AWS_PROFILE || 'default'));
  const regionProblem = region === undefined ? undefined : validateRegion(region);
  if (regionProblem) throw new UsageError(regionProblem, fromEnv ? 'It came from AWS_REGION or AWS_DEFAULT_REGION: fix it or pass --region.' : 'Pass --region.');

  if (region === undefined) io.stderr.write('No region given: the policy uses * for the region. Pass --region to narrow it.\n');
  if (options.accountId === undefined) io.stderr.write('No --account-id given: the policy uses * for the account.\n');
  const kmsKeyArn = options.kmsKey === undefined ? undefined : offlineKey(options.kmsKey, region ?? '*', options.accountId);
  io.stdout.write(policyJson({ kind: options.kind, table, region: region ?? '*', accountId: options.accountId, pitr: options.pitr, kmsKeyArn }));
  return 0;
}

/** The key ARN for the policy without calling KMS: as given, or built from a key ID; an alias needs KMS. */
function offlineKey(value: string, region: string, accountId?: string): string {
  const keyRegion = arnRegion(value);
  if (keyRegion && region !== '*' && keyRegion !== region) {
    throw new UsageError(`KMS key ${value} is in ${keyRegion}, but the table is in ${region}: DynamoDB needs a key in the table's region.`, 'Pass a key of that region with --kms-key, or fix --region.');
  }
  const arn = offlineKeyArn(value, partitionForRegion(region), region, accountId);
  if (!arn) throw new UsageError(`--generate-iam works offline and cannot look up which key ${value} names.`, 'Pass the key ARN or key ID with --kms-key instead of the alias.');
  return arn;
}
