/**
 * The one rule for a run's region, used by headless runs, --generate-iam and the wizard's preselect:
 * --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's own region. And the one
 * check that a region exists, with a guess for a typo.
 */
import { closestRegion, describeRegion, listRegions } from '../aws/regions.js';
import { UsageError } from '../core/errors.js';
import { validateRegion } from '../core/validate.js';

export interface RegionChoice {
  region: string;
  /** Where it came from, for the error that names what to fix: '--region', 'AWS_REGION', ... */
  source: string;
}

/** The region by the rule, or undefined when nothing gives one. Empty variables count as unset. */
export function regionDefault(flag: string | undefined, env: NodeJS.ProcessEnv, profile?: { name: string; region?: string }): RegionChoice | undefined {
  if (flag) return { region: flag, source: '--region' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  if (profile?.region) return { region: profile.region, source: `the region of profile ${profile.name}` };
  return undefined;
}

/** Where to fix a region that came from `source`. */
export function fixHint(source: string): string {
  return source === '--region' ? 'Check --region.' : `It came from ${source}: fix or unset it, or pass --region.`;
}

/**
 * Throws UsageError (exit 2) for a region that is malformed, or that the installed SDK does not know
 * (with the closest known one), unless `allowUnknown` (--allow-unknown-region: a region newer than
 * this tool's SDK).
 */
export async function checkRegion(choice: RegionChoice, allowUnknown = false): Promise<void> {
  const format = validateRegion(choice.region);
  if (format) throw new UsageError(format, fixHint(choice.source));
  if (allowUnknown || (await describeRegion(choice.region))) return;
  const guess = closestRegion(choice.region, await listRegions());
  throw new UsageError(
    `Region "${choice.region}" is not one this tool's AWS SDK knows.${guess ? ` Did you mean ${guess}?` : ''}`,
    `${fixHint(choice.source)} For a region newer than this tool, pass --allow-unknown-region.`,
  );
}

/** The error for a run that has no region at all. */
export function noRegion(): UsageError {
  return new UsageError('No region given.', 'Pass --region (e.g. --region eu-west-1), set AWS_REGION, or set region in the profile.');
}
