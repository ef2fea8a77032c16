/**
 * The regions the installed AWS SDK knows, with their names, read from its partition data rather
 * than a hand-kept list. The SDK does not export the table itself (only `partition(region)`), so
 * the data file is located through the package's exported package.json and parsed as JSON.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface RegionInfo {
  id: string;
  /** e.g. "Europe (Ireland)". */
  name: string;
  /** aws | aws-cn | aws-us-gov | ... */
  partition: string;
}

interface PartitionData {
  partitions: { id: string; regions: Record<string, { description?: string }> }[];
}

const DATA_FILE = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

/** Parses the SDK's partitions module text (`export const partitionsInfo = {...};`). */
export function parsePartitions(text: string): RegionInfo[] {
  const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as PartitionData;
  const regions: RegionInfo[] = [];
  for (const partition of data.partitions) {
    for (const [id, info] of Object.entries(partition.regions)) {
      // `aws-global` and friends are signing pseudo-regions, not places a table can live.
      if (id.endsWith('-global')) continue;
      regions.push({ id, name: info.description ?? id, partition: partition.id });
    }
  }
  // The commercial partition first, then the others; alphabetical inside each.
  const rank = (p: string) => (p === 'aws' ? 0 : p === 'aws-us-gov' ? 1 : p === 'aws-cn' ? 2 : 3);
  return regions.sort((a, b) => rank(a.partition) - rank(b.partition) || a.partition.localeCompare(b.partition) || a.id.localeCompare(b.id));
}

let cached: Promise<RegionInfo[]> | undefined;

/** Every region of every partition the installed SDK knows; read once, on first use. */
export function listRegions(): Promise<RegionInfo[]> {
  cached ??= (async () => {
    const pkg = createRequire(import.meta.url).resolve('@aws-sdk/core/package.json');
    return parsePartitions(await readFile(join(dirname(pkg), DATA_FILE), 'utf8'));
  })();
  return cached;
}
