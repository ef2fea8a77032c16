// Things that touch the disk or the SDK's data: policy saving, the SDK region list, the demo set-up.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestRegion, listRegions } from '../../src/aws/regions.js';
import { startDemo } from '../../src/local/demo.js';
import { savePolicyFile, savePolicyFiles } from '../../src/wizard/save-policy.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { options } from './fixtures.js';

const tempDir = tempDirs('wizard-test-');

describe('savePolicyFile', () => {
  it('writes sentinel-<kind>-policy.json and never overwrites an existing file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sentinel-sessions-policy.json'), 'mine');
    const path = await savePolicyFile('sessions', '{"a":1}', dir);
    expect(basename(path)).toBe('sentinel-sessions-policy-2.json');
    expect(await readFile(join(dir, 'sentinel-sessions-policy.json'), 'utf8')).toBe('mine');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect(basename(await savePolicyFile('breakglass', '{}', dir))).toBe('sentinel-breakglass-policy.json');
  });

  it('the two policies: one file each, named by who gets it, neither overwriting a file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sentinel-all-runtime-policy.json'), 'mine');
    const paths = await savePolicyFiles('all', { provisioning: '{"p":1}', runtime: '{"r":1}' }, dir);
    expect(basename(paths.provisioning)).toBe('sentinel-all-provisioning-policy.json');
    expect(basename(paths.runtime)).toBe('sentinel-all-runtime-policy-2.json');
    expect(await readFile(paths.provisioning, 'utf8')).toBe('{"p":1}\n');
    expect(await readFile(paths.runtime, 'utf8')).toBe('{"r":1}\n');
    expect(await readFile(join(dir, 'sentinel-all-runtime-policy.json'), 'utf8')).toBe('mine');
  });
});

describe('listRegions', () => {
  it('finds every region of the SDK\'s partition table through its public partition() alone', async () => {
    // The table itself is not exported; the test reads the installed file only to hold the list to it.
    const text = await readFile(join(import.meta.dirname, '../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');
    const inData = [...text.matchAll(/"([a-z]+(?:-[a-z]+)+-\d+)": \{/g)].map((m) => m[1]).sort();
    expect(inData.length).toBeGreaterThan(30);
    expect((await listRegions()).map((r) => r.id).sort()).toEqual(inData);
  });

  it('suggests the closest known region for a typo, and nothing for a stranger', async () => {
    const regions = await listRegions();
    expect(closestRegion('eu-wst-1', regions)).toBe('eu-west-1');
    expect(closestRegion('us-eats-1', regions)).toBe('us-east-1');
    expect(closestRegion('nowhere-at-all-9', regions)).toBeUndefined();
  });

  it('comes from the SDK partition data, with names, commercial regions first, no pseudo-regions', async () => {
    const regions = await listRegions();
    expect(regions.find((r) => r.id === 'eu-west-1')).toEqual({ id: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws' });
    expect(regions.find((r) => r.id === 'us-gov-west-1')?.partition).toBe('aws-us-gov');
    expect(regions.find((r) => r.id === 'cn-north-1')?.partition).toBe('aws-cn');
    expect(regions.some((r) => r.id.endsWith('-global'))).toBe(false);
    expect(regions[0]?.partition).toBe('aws');
    expect(regions.length).toBeGreaterThan(30);
  });
});

describe('startDemo', () => {
  it('writes a throwaway profile, points the SDK at it and at the local endpoint, and cleans up', async () => {
    const env: NodeJS.ProcessEnv = { AWS_PROFILE: 'real', AWS_ENDPOINT_URL: 'https://example.com', AWS_REGION: 'eu-west-1' };
    const said: string[] = [];
    let stopped = false;
    const demo = await startDemo(options({ local: true }), {
      env,
      say: (l) => said.push(l),
      start: async () => ({ endpoint: 'http://127.0.0.1:4567', stop: async () => void (stopped = true) }),
    });
    // The region is picked for the person, and said so (the wizard does not ask for it).
    expect(demo.options).toMatchObject({ endpointUrl: 'http://127.0.0.1:4567', profile: 'sentinel-demo', profileSource: 'AWS_PROFILE', region: 'us-east-1' });
    expect(said.join('\n')).toContain('Nothing here touches AWS');
    expect(said.join('\n')).toContain('region us-east-1 (picked for the demo; any region works locally)');
    expect(env.AWS_PROFILE).toBe('sentinel-demo');
    expect(env.AWS_ENDPOINT_URL).toBeUndefined();
    const config = await readFile(env.AWS_CONFIG_FILE ?? '', 'utf8');
    expect(config).toContain('[profile sentinel-demo]');
    expect(await readFile(env.AWS_SHARED_CREDENTIALS_FILE ?? '', 'utf8')).toContain('aws_access_key_id = SENTINELDEMO');
    const configPath = env.AWS_CONFIG_FILE ?? '';
    await demo.stop();
    expect(stopped).toBe(true);
    await expect(stat(configPath)).rejects.toThrow();
    expect(env).toEqual({ AWS_PROFILE: 'real', AWS_ENDPOINT_URL: 'https://example.com', AWS_REGION: 'eu-west-1' });
  });
});
