/**
 * A throwaway HOME with six key profiles (default, dev, staging, prod, sandbox, audit), each with its
 * own region, for the wizard's terminal tests; `env` is what the CLI runs with (no machine AWS_*).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_REGIONS: Record<string, string> = {
  default: 'us-east-1',
  dev: 'eu-west-1',
  staging: 'eu-central-1',
  prod: 'us-west-2',
  sandbox: 'ap-south-1',
  audit: 'sa-east-1',
};

export interface WizardHome {
  home: string;
  env: Record<string, string>;
  remove(): void;
}

export function wizardHome(label: string): WizardHome {
  const home = mkdtempSync(join(tmpdir(), `${label}-`));
  const names = Object.keys(PROFILE_REGIONS);
  writeFileSync(join(home, 'config'), names.map((p) => `[${p === 'default' ? p : `profile ${p}`}]\nregion = ${PROFILE_REGIONS[p]}\n`).join(''));
  writeFileSync(join(home, 'credentials'), names.map((p) => `[${p}]\naws_access_key_id = key${p}\naws_secret_access_key = secret\n`).join(''));
  return {
    home,
    env: { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}
