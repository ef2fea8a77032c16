/**
 * The region picker's list and its "did you mean": the order a person scans (commercial first, then
 * GovCloud, China, the rest by partition, each by name) and which typo gets a suggestion.
 */
import { describe, expect, it } from 'vitest';
import { closestRegion, knownRegions, type RegionInfo } from '../../src/aws/regions.js';

/** A partition() stand-in that knows exactly these regions. */
const lookupOf = (known: Record<string, string>) => (id: string) => ({ name: known[id] ?? 'aws', ...(known[id] && { description: `${id} (desc)` }) });

describe('knownRegions', () => {
  it('lists only the names partition() describes, commercial first, then GovCloud, China, then the rest by partition', () => {
    const regions = knownRegions(
      lookupOf({
        'us-isob-east-1': 'aws-iso-b',
        'cn-north-1': 'aws-cn',
        'us-iso-east-1': 'aws-iso',
        'us-gov-west-1': 'aws-us-gov',
        'eu-west-1': 'aws',
        'ap-southeast-9': 'aws',
        'us-east-1': 'aws',
      }),
    );
    expect(regions.map((r) => `${r.partition} ${r.id}`)).toEqual([
      'aws ap-southeast-9',
      'aws eu-west-1',
      'aws us-east-1',
      'aws-us-gov us-gov-west-1',
      'aws-cn cn-north-1',
      'aws-iso us-iso-east-1',
      'aws-iso-b us-isob-east-1',
    ]);
    expect(regions[0]).toEqual({ id: 'ap-southeast-9', name: 'ap-southeast-9 (desc)', partition: 'aws' });
  });
});

describe('closestRegion', () => {
  const regions: RegionInfo[] = ['eu-west-1', 'eu-west-2', 'us-east-1'].map((id) => ({ id, name: id, partition: 'aws' }));

  it('suggests the nearest known name within three edits (typed, dropped or swapped letters)', () => {
    expect(closestRegion('eu-wets-1', regions)).toBe('eu-west-1');
    expect(closestRegion('euwest1', regions)).toBe('eu-west-1');
    expect(closestRegion('us-eastt-1', regions)).toBe('us-east-1');
    expect(closestRegion('eu-west-3', regions)).toBe('eu-west-1');
    expect(closestRegion('us-est-1', regions)).toBe('us-east-1');
    // Exactly three edits still gets a suggestion; four do not.
    expect(closestRegion('eu-wxyz-1', regions)).toBe('eu-west-1');
    expect(closestRegion('ex-wxyz-1', regions)).toBeUndefined();
  });

  it('suggests nothing past three edits, or with no regions', () => {
    expect(closestRegion('xx-wext-9', regions)).toBeUndefined();
    expect(closestRegion('frankfurt', regions)).toBeUndefined();
    expect(closestRegion('eu-west-1', [])).toBeUndefined();
  });
});
