// The partition table the offline paths use, held to the SDK's own partition data.
import { partition } from '@aws-sdk/core/client';
import { describe, expect, it } from 'vitest';
import { dnsSuffix, partitionForRegion } from '../../src/core/partitions.js';

// One region of each partition the SDK knows today, and a commercial one.
const REGIONS = ['eu-west-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'us-isof-south-1', 'eu-isoe-west-1', 'eusc-de-east-1'];

describe('partitions', () => {
  it.each(REGIONS)('%s: the partition and DNS suffix the SDK gives', (region) => {
    const sdk = partition(region);
    expect({ partition: partitionForRegion(region), dnsSuffix: dnsSuffix(region) }).toEqual({ partition: sdk.name, dnsSuffix: sdk.dnsSuffix });
  });
});
