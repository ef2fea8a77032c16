import { describe, expect, it } from 'vitest';
import { helpText, parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';

function usageMessage(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    const e = error as UsageError;
    return `${e.message} ${e.hint ?? ''}`;
  }
  throw new Error(`parseArgs(${argv.join(' ')}) did not throw`);
}

describe('parseArgs', () => {
  it('defaults to sessions, deletion protection on, nothing else set', () => {
    const o = parseArgs([]);
    expect(o).toMatchObject({ kind: 'sessions', kindGiven: false, plan: false, yes: false, json: false, deletionProtection: true, local: false });
    expect(o.table).toBeUndefined();
    expect(o.profile).toBeUndefined();
  });

  it('reads KIND and every flag, in both --flag value and --flag=value forms', () => {
    const o = parseArgs([
      'approvals', '--table', 'my.table', '--region=eu-west-1', '--aws-profile', 'ops', '--plan', '-y', '--generate-iam',
      '--account-id=123456789012', '--mfa-code', '123456', '--json', '--endpoint-url', 'http://localhost:8000',
      '--no-deletion-protection', '--local', '-h', '-V',
    ]);
    expect(o).toEqual({
      command: 'provision', verify: false, detailedExitcode: false, timeoutMs: undefined,
      kind: 'approvals', kindGiven: true, table: 'my.table', region: 'eu-west-1', profile: 'ops', profileSource: '--aws-profile',
      plan: true, yes: true, generateIam: true, accountId: '123456789012', mfaCode: '123456', json: true,
      endpointUrl: 'http://localhost:8000', deletionProtection: false, local: true, help: true, version: true,
    });
  });

  it('reads `verify [KIND]` as the verify command, and --verify on a change', () => {
    expect(parseArgs(['verify', 'breakglass', '--table', 'bg-1'])).toMatchObject({ command: 'verify', kind: 'breakglass', kindGiven: true, table: 'bg-1' });
    expect(parseArgs(['verify'])).toMatchObject({ command: 'verify', kind: 'sessions', kindGiven: false });
    expect(parseArgs(['approvals', '--yes', '--verify'])).toMatchObject({ command: 'provision', verify: true, yes: true });
    expect(usageMessage(['sessions', 'verify'])).toMatch(/^Unknown kind "verify"|only one KIND/);
    expect(usageMessage(['verify', '--plan'])).toMatch(/^verify runs Sentinel's access patterns on an existing table; it takes no --plan\./);
    expect(usageMessage(['--plan', '--verify'])).toMatch(/^--verify runs after a change is applied/);
  });

  it('reads --timeout as a duration and --detailed-exitcode with --plan only', () => {
    expect(parseArgs(['--yes', '--timeout', '45m']).timeoutMs).toBe(45 * 60_000);
    expect(parseArgs(['--yes', '--timeout=1h30m']).timeoutMs).toBe(90 * 60_000);
    expect(parseArgs(['--plan', '--detailed-exitcode']).detailedExitcode).toBe(true);
    expect(usageMessage(['--yes', '--timeout', '45'])).toMatch(/^--timeout "45" is not a duration such as 90s, 45m, 1h or 1h30m\. Check --timeout\./);
    expect(usageMessage(['--yes', '--timeout', '0s'])).toMatch(/is not a duration/);
    expect(usageMessage(['--yes', '--detailed-exitcode'])).toMatch(/^--detailed-exitcode goes with --plan/);
  });

  it('accepts --profile as an alias and flags before the kind', () => {
    const o = parseArgs(['--profile=dev', '--yes', 'breakglass']);
    expect(o).toMatchObject({ kind: 'breakglass', profile: 'dev', profileSource: '--aws-profile', yes: true });
  });

  it('refuses unknown flags, kinds, a second positional and missing values, pointing at --help', () => {
    expect(usageMessage(['--tabel', 'x'])).toBe('Unknown flag --tabel. Run sentinel-init --help for usage.');
    expect(usageMessage(['session'])).toMatch(/^Unknown kind "session": use sessions, approvals, breakglass, ratelimit\. Run sentinel-init --help/);
    expect(usageMessage(['sessions', 'approvals'])).toMatch(/only one KIND/);
    expect(usageMessage(['--table'])).toMatch(/^--table needs a value\./);
    expect(usageMessage(['--table', '--yes'])).toMatch(/^--table needs a value\./);
    expect(usageMessage(['--region='])).toMatch(/^--region needs a value\./);
    expect(usageMessage(['--yes=no'])).toMatch(/^--yes takes no value/);
  });

  it('validates values as it reads them, naming the rule and the flag', () => {
    expect(usageMessage(['--table', 'ab'])).toMatch(/too short.*Check --table\./);
    expect(usageMessage(['--table', 'a b c'])).toMatch(/contains a space/);
    expect(usageMessage(['--region', 'eu-west'])).toMatch(/Region "eu-west" is not a region name/);
    expect(usageMessage(['--account-id', '1234'])).toMatch(/not 12 digits/);
    expect(usageMessage(['--endpoint-url', 'localhost:8000'])).toMatch(/must start with http/);
    expect(usageMessage(['--mfa-code', '12'])).toMatch(/6 digits/);
  });
});

describe('helpText', () => {
  const text = helpText('9.9.9');
  it('fits in 80 columns', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
  it('names every flag, kind with its default table, and the exit codes', () => {
    for (const flag of ['--table', '--region', '--aws-profile', '--profile', '--plan', '--yes', '-y', '--generate-iam', '--account-id', '--mfa-code', '--json', '--endpoint-url', '--no-deletion-protection', '--local', '--help', '--version']) {
      expect(text).toContain(flag);
    }
    for (const t of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit', '130']) expect(text).toContain(t);
    expect(text).toMatch(/^sentinel-init 9\.9\.9/);
  });
});
