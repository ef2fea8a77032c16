/**
 * `sentinel-init completion bash|zsh|fish` prints a completion script; the script asks
 * `sentinel-init __complete profiles` for profile names when Tab is pressed (the shared files may
 * change after the script was sourced). Both are short paths: no Ink, no SDK client.
 */
import { UsageError } from '../core/errors.js';
import { printedCommand } from '../core/shell.js';
import { KIND_NAMES } from '../core/kinds.js';
import { IAC_OUTPUTS } from '../core/iac-output.js';
import { POLICY_AUDIENCES } from '../core/policy-audience.js';
import { listRegions } from '../aws/regions.js';
import { FLAG_NAMES } from './flags.js';
import { SUBCOMMANDS } from './conventions.js';
import { closest } from '../core/suggest.js';
import { topicHelp } from './help-topics.js';
import { bashScript, fishScript, zshScript, type Words } from './completion-scripts.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The words each script offers, from the same tables the parser reads. */
async function words(): Promise<Words> {
  return {
    first: [...KIND_NAMES, 'all', ...SUBCOMMANDS],
    kinds: [...KIND_NAMES, 'all'],
    topics: [...KIND_NAMES, 'all', ...SUBCOMMANDS],
    shells: [...SHELLS],
    values: FLAG_NAMES.values,
    switches: FLAG_NAMES.switches,
    regions: (await listRegions()).map((r) => r.id),
    outputs: [...IAC_OUTPUTS],
    policies: [...POLICY_AUDIENCES],
  };
}

/** `completion SHELL`: the script on stdout. */
export async function completion(args: readonly string[], write: (text: string) => void): Promise<void> {
  const [shell, extra] = args;
  if (shell === '--help' || shell === '-h') return write(topicHelp('completion'));
  const usage = `Run ${printedCommand('sentinel-init', ['completion'])} ${SHELLS.join('|')}.`;
  if (shell === undefined) throw new UsageError('completion needs a shell.', usage);
  if (extra !== undefined) throw new UsageError(`completion takes one shell (got "${shell}" and "${extra}").`, usage);
  if (!(SHELLS as readonly string[]).includes(shell)) {
    const guess = closest(shell, SHELLS, 2);
    throw new UsageError(`Unknown shell "${shell}".${guess ? ` Did you mean ${guess}?` : ''}`, usage);
  }
  const w = await words();
  write(shell === 'bash' ? bashScript(w) : shell === 'zsh' ? zshScript(w) : fishScript(w));
}

/** `__complete profiles`: profile names, one a line; nothing at all when the files cannot be read (Tab must never print errors). */
export async function complete(args: readonly string[], write: (text: string) => void): Promise<void> {
  if (args[0] !== 'profiles') return;
  try {
    const { readSharedConfig } = await import('../aws/profiles.js');
    const names = Object.keys((await readSharedConfig()).profiles).filter((n) => /^[\w.@+=,:/-]+$/.test(n));
    if (names.length > 0) write(`${names.join('\n')}\n`);
  } catch {
    // An unreadable file: no candidates; the run itself says what is wrong.
  }
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from './program-modules.js';
