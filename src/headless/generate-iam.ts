/**
 * --generate-iam: the policies on stdout, fully offline. Bare, one JSON object with both documents by
 * name, `{"provisioning": {...}, "runtime": {...}}`: no policy itself, so a script cannot attach both
 * to one principal by mistake, and `jq .runtime` takes one out. `--generate-iam provisioning|runtime`
 * prints that document alone, ready for `aws iam create-policy --policy-document`. Who each is for goes
 * to stderr. No credentials, no network, no AWS
 * call: the region comes by the usual rule (flag, environment, then softly the profile's region),
 * else the run stops naming --region.
 */
import { UsageError } from '../core/errors.js';
import { KINDS, kindsOf } from '../core/kinds.js';
import type { Options } from '../service/options.js';
import { keyPlaceProblem, offlineKeyArn } from '../core/kms-key.js';
import { partitionForRegion } from '../core/partitions.js';
import { policyJson } from '../policy/iam.js';
import { POLICY_AUDIENCES, POLICY_FOR } from '../core/policy-audience.js';
import { validateTableName } from '../core/validate.js';
import { checkRegion, regionDefault } from '../service/region.js';
import type { HeadlessIo } from './io.js';

/**
 * A profile's region: read from the shared files by the program (profiles.ts's profileRegion); the
 * offline face (cli/offline.ts) has no file reader and hands such runs to the program.
 */
export type ProfileRegion = (name: string) => Promise<string | undefined>;

/** Prints the policies for the kind and table (for `all`, each policy naming every table); returns the exit code. */
export async function generateIam(options: Options, io: HeadlessIo, profileRegion: ProfileRegion): Promise<number> {
  const tables = kindsOf(options.kind).map((kind) => ({ kind, table: options.table ?? KINDS[kind].defaultTable }));
  for (const { table } of tables) {
    const tableProblem = validateTableName(table);
    if (tableProblem) throw new UsageError(tableProblem, 'Check --table.');
  }

  // The same rule as every run; a policy for "any region" would grant more than the table needs.
  const profile = options.profile ?? (io.env.AWS_PROFILE || 'default');
  const choice = regionDefault(options.region, io.env) ?? regionDefault(undefined, {}, { name: profile, region: await profileRegion(profile) });
  if (!choice) throw new UsageError('No region given, and the policy names the table by its ARN, which includes the region.', 'Pass --region (e.g. --region eu-west-1).');
  await checkRegion(choice, options.allowUnknownRegion);

  if (options.accountId === undefined) io.stderr.write('No --account-id given: the policy uses * for the account.\n');
  const kmsKeyArn = options.kmsKey === undefined ? undefined : offlineKey(options.kmsKey, choice.region, options.accountId);
  const which = options.iamPolicy;
  for (const audience of which ? [which] : POLICY_AUDIENCES) io.stderr.write(`The ${audience} policy: ${POLICY_FOR[audience]}.\n`);
  if (!which) io.stderr.write('Both are printed, by name, in one JSON object; --generate-iam provisioning (or runtime) prints one alone.\n');
  io.stdout.write(policyJson(tables.map(({ kind, table }) => ({ kind, table, region: choice.region, accountId: options.accountId, pitr: options.pitr, kmsKeyArn })), which));
  return 0;
}

/** The key ARN for the policy without calling KMS: as given, or built from a key ID; an alias needs KMS. */
function offlineKey(value: string, region: string, accountId?: string): string {
  const misplaced = keyPlaceProblem(value, region);
  if (misplaced) throw new UsageError(misplaced, 'Pass a key of that region with --kms-key, or fix --region.');
  const arn = offlineKeyArn(value, partitionForRegion(region), region, accountId);
  if (!arn) throw new UsageError(`--generate-iam works offline and cannot look up which key ${value} names.`, 'Pass the key ARN or key ID with --kms-key instead of the alias.');
  return arn;
}
