/**
 * The real tools the IaC export is held to: cfn-lint, PyYAML (YAML 1.1, as CloudFormation reads
 * templates; cfn-lint brings it) and terraform with the hashicorp/aws provider: from the machine's
 * local mirror when there is one (CI's image: no registry, no network), else installed by Terraform
 * the normal way (the registry, cached across tests). A missing tool fails the test with what to
 * install; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The provider mirror on the machine image (hashicorp/aws 5.100.0, unpacked layout); SENTINEL_TF_PLUGIN_MIRROR names another. */
export const PROVIDER_MIRROR = process.env.SENTINEL_TF_PLUGIN_MIRROR || '/opt/tf-plugins';

/**
 * How Terraform gets its provider in a test: the CLI config file's text, and the environment beside
 * it. With hashicorp/aws in `mirror`, only the mirror (no `direct` block: Terraform never asks the
 * registry); without it, Terraform's normal installation from the registry, into a plugin cache
 * shared by the test directories so the provider downloads once.
 */
export function providerInstallation(mirror: string = PROVIDER_MIRROR): { config: string; env: Record<string, string> } {
  if (existsSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'))) {
    return { config: `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`, env: {} };
  }
  const cache = join(tmpdir(), 'sentinel-tf-plugin-cache');
  mkdirSync(cache, { recursive: true });
  return { config: '', env: { TF_PLUGIN_CACHE_DIR: cache } };
}

/** Runs `command`; a missing executable becomes the sentence saying what to install. */
function run(command: string, args: string[], install: string, options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (out.error && (out.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not on PATH: install ${install}. These tests run the real tool and are never skipped.`);
  }
  if (out.error) throw out.error;
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** cfn-lint on the files, informational checks included; its output in cfn-lint's parseable format. */
export function cfnLint(files: string[]): { code: number | null; output: string } {
  const out = run('cfn-lint', ['--include-checks', 'I', '--format', 'parseable', '--', ...files], 'cfn-lint 1.51 (pip install cfn-lint==1.51.0)');
  return { code: out.code, output: `${out.stdout}${out.stderr}`.trim() };
}

const READ_YAML = 'import json, sys, yaml\nprint(json.dumps([yaml.safe_load(t) for t in json.load(sys.stdin)]))';

/** Each text parsed by PyYAML's safe_load (YAML 1.1: `yes`, `on`, `0123` unquoted would not read back as strings). */
export function readYaml(texts: string[]): unknown[] {
  const out = run('python3', ['-c', READ_YAML], 'Python 3 with PyYAML (pip install cfn-lint==1.51.0 brings it)', { input: JSON.stringify(texts) });
  if (out.code !== 0) {
    if (/No module named .?yaml/.test(out.stderr)) throw new Error('python3 has no PyYAML: install it (pip install cfn-lint==1.51.0 brings it). These tests never skip.');
    throw new Error(`PyYAML could not read the template: ${out.stderr.trim()}`);
  }
  return JSON.parse(out.stdout) as unknown[];
}

/** A Terraform working directory with its own CLI config (providerInstallation). */
export interface TerraformDir {
  dir: string;
  /** Runs terraform; throws with its output unless it exits 0. */
  run(args: string[]): string;
  remove(): void;
}

/** A temporary directory holding `files`, ready for `terraform init` (from the mirror when there is one). */
export function terraformDir(files: Record<string, string>): TerraformDir {
  const dir = mkdtempSync(join(tmpdir(), 'iac-tf-'));
  // Terraform reads only *.tf files as code: the CLI config can sit beside them.
  const config = join(dir, 'cli.tfrc');
  const installation = providerInstallation();
  writeFileSync(config, installation.config);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // CHECKPOINT_DISABLE: no version check against HashiCorp's servers either.
  const env = { PATH: process.env.PATH, HOME: dir, TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', ...installation.env };
  return {
    dir,
    run(args) {
      const out = run('terraform', [...args, '-no-color'], 'Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install)', { cwd: dir, env });
      if (out.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${out.stdout}${out.stderr}`);
      return out.stdout;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A provider block merged into the code by Terraform's override files, test-only: fake keys and no
 * calls to STS or the metadata service, so `terraform plan` of new resources runs offline.
 */
export const OFFLINE_PROVIDER = `provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

export interface Planned {
  /** What the provider would create, per resource address. */
  resources: Map<string, Record<string, unknown>>;
  outputs: Record<string, { value?: unknown }>;
}

/** `terraform plan` (offline, see OFFLINE_PROVIDER), read back with `terraform show -json`. */
export function planValues(tf: TerraformDir): Planned {
  writeFileSync(join(tf.dir, 'offline_override.tf'), OFFLINE_PROVIDER);
  tf.run(['plan', '-refresh=false', '-lock=false', '-out=plan.bin']);
  const plan = JSON.parse(tf.run(['show', '-json', 'plan.bin'])) as {
    resource_changes: { address: string; change: { after: Record<string, unknown> } }[];
    planned_values: { outputs?: Planned['outputs'] };
  };
  rmSync(join(tf.dir, 'offline_override.tf'));
  return { resources: new Map(plan.resource_changes.map((r) => [r.address, r.change.after])), outputs: plan.planned_values.outputs ?? {} };
}
