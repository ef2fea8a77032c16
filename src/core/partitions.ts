/**
 * AWS partitions by region prefix: the ARN partition and the DNS suffix of their endpoints. Plain
 * data, so the offline paths (--generate-iam, the IaC export) need no SDK; test/core/partitions.test.ts
 * holds it to the SDK's own partition() for a region of each.
 */
interface Partition {
  /** Regions starting with this belong to it (the longer prefixes first: us-isob- before us-iso-). */
  prefix: string;
  partition: string;
  dnsSuffix: string;
}

const PARTITIONS: readonly Partition[] = [
  { prefix: 'cn-', partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' },
  { prefix: 'us-gov-', partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' },
  { prefix: 'us-isob-', partition: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' },
  { prefix: 'us-isof-', partition: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov' },
  { prefix: 'us-iso-', partition: 'aws-iso', dnsSuffix: 'c2s.ic.gov' },
  { prefix: 'eu-isoe-', partition: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk' },
  { prefix: 'eusc-', partition: 'aws-eusc', dnsSuffix: 'amazonaws.eu' },
];

const COMMERCIAL = { partition: 'aws', dnsSuffix: 'amazonaws.com' };

const of = (region: string) => PARTITIONS.find((p) => region.startsWith(p.prefix)) ?? COMMERCIAL;

/** The ARN partition a region belongs to: cn-* aws-cn, us-gov-* aws-us-gov, ISO and EU sovereign regions theirs, else aws. */
export function partitionForRegion(region: string): string {
  return of(region).partition;
}

/** The DNS suffix of a region's partition: `<service>.<region>.<suffix>` is where its endpoints live. */
export function dnsSuffix(region: string): string {
  return of(region).dnsSuffix;
}
