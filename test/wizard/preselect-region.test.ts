/**
 * The region the wizard's region list starts on: the same rule as a headless run (--region,
 * AWS_REGION, AWS_DEFAULT_REGION, then the chosen profile's region), so pressing Enter there gives
 * the region the person would get without the wizard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { realServices } from '../../src/wizard/real-services.js';
import { isolateAws, type AwsEnv } from '../aws/aws-env.js';

let aws: AwsEnv;
beforeEach(() => {
  aws = isolateAws();
  aws.writeConfig('[default]\nregion = us-east-2\n\n[profile ops]\nregion = eu-central-1\n\n[profile bare]\noutput = json\n');
});
afterEach(() => aws.restore());

const preselect = (env: NodeJS.ProcessEnv, flag?: string, profile?: string) => realServices(parseArgs([]), env).preselectRegion(flag, profile);

describe('the wizard\'s preselected region', () => {
  const both = { AWS_REGION: 'sa-east-1', AWS_DEFAULT_REGION: 'ap-southeast-2' };

  it('--region first, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile\'s region', async () => {
    expect(await preselect(both, 'eu-west-1', 'ops')).toBe('eu-west-1');
    expect(await preselect(both, undefined, 'ops')).toBe('sa-east-1');
    expect(await preselect({ AWS_DEFAULT_REGION: 'ap-southeast-2' }, undefined, 'ops')).toBe('ap-southeast-2');
    expect(await preselect({}, undefined, 'ops')).toBe('eu-central-1');
  });

  it('an empty variable counts as unset', async () => {
    expect(await preselect({ AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-southeast-2' }, undefined, 'ops')).toBe('ap-southeast-2');
    expect(await preselect({ AWS_REGION: '', AWS_DEFAULT_REGION: '' }, undefined, 'ops')).toBe('eu-central-1');
  });

  it('the default credential chain (no profile chosen) takes the default profile\'s region', async () => {
    expect(await preselect({})).toBe('us-east-2');
  });

  it('nothing preselected when no source gives a region, or the config cannot be read', async () => {
    expect(await preselect({}, undefined, 'bare')).toBeUndefined();
    // AWS_CONFIG_FILE naming a file that is not there: the list starts unselected, the wizard goes on.
    process.env.AWS_CONFIG_FILE = `${aws.home}/missing`;
    expect(await preselect({}, undefined, 'ops')).toBeUndefined();
  });
});
