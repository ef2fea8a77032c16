/** The conventions people bring from aws, terraform and gh: near misses, other tools' flags, help topics, one value per flag. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { helpTopicOf, topicHelp } from '../../src/cli/help-topics.js';
import { closestRegion } from '../../src/aws/regions.js';
import { UsageError } from '../../src/core/errors.js';
import { usageError } from './usage-error.js';
import { closest, didYouMean, distance } from '../../src/core/suggest.js';
import { wantsHeadless } from '../../src/service/options.js';

/** The one line a usage error prints (message and hint), asserting exit 2. */
function usageLine(argv: string[]): string {
  const e = usageError(argv);
  return e.hint ? `${e.message} ${e.hint}` : e.message;
}

describe('did you mean', () => {
  it('one edit-distance rule: kinds, commands, flags and regions all use it', () => {
    expect(closest('sesions', ['sessions', 'approvals'], 2)).toBe('sessions');
    expect(closest('xyz', ['sessions', 'approvals'], 2)).toBeUndefined();
    // Two neighbours swapped is one edit: --tabel is --table.
    expect(distance('tabel', 'table')).toBe(1);
    expect(distance('regoin', 'region')).toBe(1);
    expect(distance('sessions', 'sessions')).toBe(0);
    expect(distance('', 'abc')).toBe(3);
    expect(didYouMean('eu-wst-1', ['eu-west-1', 'us-east-1'])).toBe(' Did you mean eu-west-1?');
    expect(closestRegion('eu-wst-1', [{ id: 'us-east-1', name: '', partition: 'aws' }, { id: 'eu-west-1', name: '', partition: 'aws' }])).toBe('eu-west-1');
  });

  it('a mistyped KIND or command names the one meant', () => {
    expect(usageLine(['sesions'])).toBe('Unknown kind "sesions". Did you mean sessions?');
    expect(usageLine(['session'])).toBe('Unknown kind "session". Did you mean sessions?');
    expect(usageLine(['aprovals', '--plan'])).toBe('Unknown kind "aprovals". Did you mean approvals?');
    expect(usageLine(['verfy'])).toBe('Unknown command "verfy". Did you mean verify?');
    expect(usageLine(['verify', 'breakglas'])).toBe('Unknown kind "breakglas". Did you mean breakglass?');
    // Nothing near: the list, as before.
    expect(usageLine(['tables'])).toMatch(/^Unknown kind "tables": use sessions, approvals, breakglass, ratelimit or all\./);
  });

  it('a mistyped flag names the flag meant', () => {
    expect(usageLine(['--regoin', 'eu-west-1'])).toBe('Unknown flag --regoin. Did you mean --region?');
    expect(usageLine(['--aws-profil', 'ops'])).toBe('Unknown flag --aws-profil. Did you mean --aws-profile?');
    expect(usageLine(['--generate-iamm'])).toBe('Unknown flag --generate-iamm. Did you mean --generate-iam?');
    expect(usageLine(['--no-inptu'])).toBe('Unknown flag --no-inptu. Did you mean --no-input?');
    expect(usageLine(['--frobnicate'])).toMatch(/^Unknown flag --frobnicate\. Run .* --help for usage\.$/);
  });
});

describe("other tools' flags", () => {
  it('each gets a one-line pointer to what exists here', () => {
    expect(usageLine(['--output', 'json'])).toMatch(/^--output prints code \(terraform, cloudformation, cloudformation-import\); for JSON use --json\./);
    expect(usageLine(['--output=JSON'])).toMatch(/for JSON use --json/);
    expect(usageLine(['--output', 'terrafrom'])).toMatch(/^Unknown output "terrafrom"\. Did you mean terraform\?/);
    expect(usageLine(['-o', 'json'])).toMatch(/^-o is not a flag here: for JSON use --json; for code use --output terraform\|/);
    expect(usageLine(['--dry-run'])).toBe('--dry-run is --plan here: it shows what would change and changes nothing.');
    expect(usageLine(['--verbose'])).toMatch(/^There is no --verbose: .*DEBUG=1/);
    expect(usageLine(['--quiet'])).toMatch(/^There is no --quiet: .*--json/);
    expect(usageLine(['--no-color'])).toMatch(/^There is no --no-color: set NO_COLOR=1/);
    for (const flag of ['-o', '--dry-run', '--verbose', '--quiet', '--no-color']) expect(usageLine([flag]), flag).not.toMatch(/\n|^Unknown flag/);
  });

  it('--plan with --yes is refused: one changes nothing, the other applies', () => {
    expect(usageLine(['--plan', '--yes'])).toMatch(/^--plan changes nothing and --yes applies: give one of them\./);
    expect(usageLine(['-y', 'approvals', '--plan'])).toMatch(/^--plan changes nothing and --yes applies/);
  });
});

describe('one value per flag', () => {
  it('a flag that takes one value, given twice, is refused naming it; --tag adds up', () => {
    expect(usageLine(['--region', 'eu-west-1', '--region', 'eu-west-2'])).toMatch(/^--region was given twice \("eu-west-1", then "eu-west-2"\): give it once\./);
    expect(usageLine(['--table=abc', '--table', 'abc'])).toMatch(/^--table was given twice/);
    expect(usageLine(['--output', 'terraform', '--output', 'cloudformation'])).toMatch(/^--output was given twice/);
    expect(usageLine(['--output', 'terraform', '--output-file', 'a.tf', '--output-file', 'b.tf'])).toMatch(/^--output-file was given twice/);
    expect(usageLine(['--profile', 'a', '--aws-profile', 'b'])).toMatch(/^--aws-profile was given twice \("a", then "b"\)/);
    expect(usageLine(['--generate-iam', 'runtime', '--generate-iam', 'provisioning'])).toMatch(/^--generate-iam was given twice \("runtime", then "provisioning"\)/);
    expect(parseArgs(['--yes', '--tag', 'a=1', '--tag', 'b=2']).tags).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
  });
});

describe('help', () => {
  it('`help` is the main help; `help TOPIC` and `TOPIC --help` are that command\'s or kind\'s', () => {
    expect(helpTopicOf([])).toBeUndefined();
    expect(helpTopicOf(['help'])).toBeUndefined();
    expect(helpTopicOf(['--help'])).toBeUndefined();
    expect(helpTopicOf(['doctor', '-h'])).toBe('doctor');
    expect(helpTopicOf(['verify'])).toBe('verify');
    expect(helpTopicOf(['all'])).toBe('all');
    expect(helpTopicOf(['breakglass'])).toBe('breakglass');
    expect(parseArgs(['verify', '--help']).helpTopic).toBe('verify');
    expect(parseArgs(['verify', 'sessions', '--help']).helpTopic).toBe('verify');
    expect(parseArgs(['doctor', '--help']).helpTopic).toBe('doctor');
    expect(parseArgs(['sessions', '--help']).helpTopic).toBe('sessions');
    expect(parseArgs(['--help']).helpTopic).toBeUndefined();
    const refused = (rest: string[]) => {
      try {
        helpTopicOf(rest);
      } catch (error) {
        expect((error as UsageError).exitCode).toBe(2);
        return `${(error as UsageError).message}${(error as UsageError).hint ? ` ${(error as UsageError).hint}` : ''}`;
      }
      throw new Error('not refused');
    };
    expect(refused(['sesions'])).toBe('No help for "sesions". Did you mean sessions?');
    expect(refused(['tables'])).toMatch(/^No help for "tables": try a KIND, all, verify, doctor or completion\./);
    expect(refused(['verify', 'doctor'])).toMatch(/^help takes one topic/);
    expect(usageLine(['sessions', '--plan', 'help'])).toMatch(/^(help comes first|Unexpected argument "help")/);
    expect(usageLine(['--plan', 'completion'])).toMatch(/^completion comes first: sentinel-init completion \.\.\./);
  });

  it('each topic says its usage, fits in 80 columns and points to the full help', () => {
    for (const [topic, usage] of [['verify', 'sentinel-init verify [KIND]'], ['doctor', 'sentinel-init doctor --function'], ['completion', 'sentinel-init completion bash|zsh|fish'], ['ratelimit', 'sentinel-init ratelimit [flags]'], ['all', 'sentinel-init all [flags]']] as const) {
      const text = topicHelp(topic);
      expect(text, topic).toContain(`Usage: ${usage}`);
      expect(text).toContain('Every flag: sentinel-init --help');
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(topicHelp('approvals')).toContain('Default table: sentinel-requests');
    expect(topicHelp('completion')).toContain('source <(sentinel-init completion bash)');
  });
});

describe('--no-input', () => {
  it('is read as a flag and makes the run headless; doctor and verify take it', () => {
    expect(parseArgs(['--no-input']).noInput).toBe(true);
    expect(parseArgs([]).noInput).toBeUndefined();
    expect(parseArgs(['doctor', '--function', 'f', '--no-input']).noInput).toBe(true);
    expect(parseArgs(['verify', '--no-input']).noInput).toBe(true);
    expect(wantsHeadless(parseArgs(['--no-input']))).toBe(true);
    expect(wantsHeadless(parseArgs(['approvals']))).toBe(false);
  });
});
