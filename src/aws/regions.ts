/**
 * The regions the installed AWS SDK knows, with their names, read from its partition data rather
 * than a hand-kept list.
 */
export interface RegionInfo {
  id: string;
  /** e.g. "Europe (Ireland)". */
  name: string;
  /** aws | aws-cn | aws-us-gov | ... */
  partition: string;
}

export interface PartitionData {
  partitions: { id: string; regions: Record<string, { description?: string }> }[];
}

/** Flattens the SDK's partition table into one sorted list of regions. */
export function fromPartitions(data: PartitionData): RegionInfo[] {
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

/** Every region of every partition the installed SDK knows; loaded once, on first use. */
export function listRegions(): Promise<RegionInfo[]> {
  cached ??= (async () => {
    // The SDK exports partition(region) but not the table itself, and the runtime is one bundle with
    // no node_modules: import the data module by path so esbuild inlines it (evaluated lazily).
    // @ts-expect-error -- plain JS without a declaration next to it; its shape is checked in parse.
    const mod = (await import('../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')) as { partitionsInfo: PartitionData };
    return fromPartitions(mod.partitionsInfo);
  })();
  return cached;
}
