/**
 * --local: a demo anyone can walk with no AWS account. Starts the embedded DynamoDB Local, writes a
 * throwaway AWS config and credentials pair (profile `sentinel-demo`, fake static keys) in a temp
 * dir, points the SDK at them, and returns options aimed at the local endpoint.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Options } from '../service/options.js';

export const DEMO_PROFILE = 'sentinel-demo';
export const DEMO_REGION = 'us-east-1';

export interface Demo {
  options: Options;
  stop(): Promise<void>;
}

export interface DemoDeps {
  /** A launcher with the shape of startDynamoDbLocal (tests may pass a fake). */
  start?: () => Promise<{ endpoint: string; stop(): Promise<void> }>;
  env?: NodeJS.ProcessEnv;
  /** Where to say "this is a local demo" (stderr by default). */
  say?: (line: string) => void;
}

/** Starts the demo; `stop()` kills DynamoDB Local, removes the temp dir and restores the environment. */
export async function startDemo(options: Options, deps: DemoDeps = {}): Promise<Demo> {
  const env = deps.env ?? process.env;
  const say = deps.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const start = deps.start ?? (async () => (await import('./dynamodb-local.js')).startDynamoDbLocal());
  say('Local demo: starting DynamoDB Local. Nothing here touches AWS; the tables vanish when this exits.');
  const local = await start();
  const dir = await mkdtemp(join(tmpdir(), 'sentinel-demo-'));
  const saved = new Map<string, string | undefined>();
  const set = (key: string, value: string | undefined) => {
    if (!saved.has(key)) saved.set(key, env[key]);
    if (value === undefined) delete env[key];
    else env[key] = value;
  };
  try {
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    await writeFile(config, `[profile ${DEMO_PROFILE}]\nregion = ${DEMO_REGION}\n`);
    // DynamoDB Local accepts any key made of letters and digits.
    await writeFile(credentials, `[${DEMO_PROFILE}]\naws_access_key_id = SENTINELDEMO\naws_secret_access_key = sentineldemo\n`);
    set('AWS_CONFIG_FILE', config);
    set('AWS_SHARED_CREDENTIALS_FILE', credentials);
    // The demo profile stands in for AWS_PROFILE: preselected in the wizard, used by headless runs.
    set('AWS_PROFILE', DEMO_PROFILE);
    // No other endpoint may send a call to AWS: STS is skipped with a custom DynamoDB endpoint only.
    for (const key of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_REGION', 'AWS_DEFAULT_REGION']) set(key, undefined);
  } catch (error) {
    await local.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const region = options.region ?? DEMO_REGION;
  say(`Local demo: DynamoDB Local at ${local.endpoint}, profile ${DEMO_PROFILE} (fake keys), region ${region}${options.region ? '' : ' (picked for the demo; any region works locally)'}.`);
  return {
    options: {
      ...options,
      endpointUrl: local.endpoint,
      profile: options.profile ?? DEMO_PROFILE,
      // Picked for the person (the wizard does not ask): DynamoDB Local keeps each region's tables apart, any works.
      region: options.region ?? DEMO_REGION,
      profileSource: options.profile !== undefined ? options.profileSource : 'AWS_PROFILE',
    },
    async stop() {
      await local.stop();
      await rm(dir, { recursive: true, force: true });
      for (const [key, value] of saved) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
    },
  };
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
