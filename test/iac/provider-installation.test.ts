/**
 * Where the Terraform tests get hashicorp/aws: the machine's mirror when it has the provider, else
 * Terraform's normal installation (a developer's machine without /opt/tf-plugins).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_MIRROR, providerInstallation } from '../helpers/iac-tools.js';

describe('providerInstallation', () => {
  it('uses only the mirror when it holds hashicorp/aws (this image: /opt/tf-plugins)', () => {
    expect(existsSync(join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws')), `${PROVIDER_MIRROR} has no hashicorp/aws`).toBe(true);
    const { config, env } = providerInstallation(PROVIDER_MIRROR);
    expect(config).toContain(`filesystem_mirror {\n    path = "${PROVIDER_MIRROR}"`);
    expect(config).not.toContain('direct');
    expect(env).toEqual({});
  });

  it('without the provider in the mirror, leaves installation to Terraform (registry) with a shared plugin cache', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-mirror-'));
    try {
      const { config, env } = providerInstallation(empty);
      expect(config).not.toMatch(/provider_installation|filesystem_mirror/);
      expect(env.TF_PLUGIN_CACHE_DIR && existsSync(env.TF_PLUGIN_CACHE_DIR)).toBe(true);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
