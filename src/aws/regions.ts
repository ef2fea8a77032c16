/**
 * The regions the installed AWS SDK knows, through its public API only: `partition(region)` from
 * `@aws-sdk/core/client` returns a region's description (e.g. "Europe (Ireland)") when the SDK's
 * partition data lists it, and none for a name it merely matches by pattern. The SDK exports no list,
 * so the picker's list is the names built from AWS's area prefixes and compass words that partition()
 * confirms; a region of a family missing here is still accepted when typed, since validation asks
 * partition() about the name itself.
 */
import { closest } from '../core/suggest.js';

export interface RegionInfo {
  id: string;
  /** e.g. "Europe (Ireland)". */
  name: string;
  /** aws | aws-cn | aws-us-gov | ... */
  partition: string;
}

/** What partition() answers (the fields used here). */
export type PartitionLookup = (region: string) => { name: string; description?: string };

// The region families in the SDK's partition data today (commercial, China, GovCloud, ISO, EU sovereign).
const AREAS = ['us', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx', 'cn', 'us-gov', 'us-iso', 'us-isob', 'us-isof', 'eu-isoe', 'eusc-de'];
const WORDS = ['central', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'];

/** Every region partition() confirms among the candidate names, commercial first, then by partition and name. */
export function knownRegions(lookup: PartitionLookup): RegionInfo[] {
  const regions: RegionInfo[] = [];
  for (const area of AREAS) {
    for (const word of WORDS) {
      for (let n = 1; n <= 9; n++) {
        const id = `${area}-${word}-${n}`;
        const found = lookup(id);
        if (found.description) regions.push({ id, name: found.description, partition: found.name });
      }
    }
  }
  const rank = (p: string) => (p === 'aws' ? 0 : p === 'aws-us-gov' ? 1 : p === 'aws-cn' ? 2 : 3);
  return regions.sort((a, b) => rank(a.partition) - rank(b.partition) || (a.partition < b.partition ? -1 : a.partition > b.partition ? 1 : 0) || (a.id < b.id ? -1 : 1));
}

async function sdkLookup(): Promise<PartitionLookup> {
  const { partition } = await import('./sdk/partition.js');
  return partition as PartitionLookup;
}

let cached: Promise<RegionInfo[]> | undefined;

/** Every region of every partition the installed SDK knows; computed once, on first use. */
export function listRegions(): Promise<RegionInfo[]> {
  cached ??= sdkLookup().then(knownRegions);
  return cached;
}

/** The region's SDK description, or undefined when the installed SDK does not know the name. */
export async function describeRegion(id: string): Promise<string | undefined> {
  return (await sdkLookup())(id).description;
}

/** The known region closest to a mistyped one (within a few edits), for "did you mean eu-west-1?". */
export function closestRegion(id: string, regions: readonly RegionInfo[]): string | undefined {
  return closest(id, regions.map((r) => r.id), 3);
}
