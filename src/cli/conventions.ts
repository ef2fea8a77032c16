/**
 * What people bring from aws, terraform and gh, answered in one line: a near miss gets "Did you
 * mean …?", and a flag other tools have gets a pointer to what this one has instead.
 */
import { KIND_NAMES } from '../core/kinds.js';
import { IAC_OUTPUTS } from '../core/iac-output.js';
import { closest, editBudget } from '../core/suggest.js';

/** The words that may come first instead of a KIND. */
export const SUBCOMMANDS = ['verify', 'doctor', 'help', 'completion'] as const;

/** Flags other tools have, and what stands in their place here. */
const POINTERS: Record<string, string> = {
  '-o': `-o is not a flag here: for JSON use --json; for code use --output ${IAC_OUTPUTS.join('|')}.`,
  '--dry-run': '--dry-run is --plan here: it shows what would change and changes nothing.',
  '--verbose': 'There is no --verbose: every step is already said on stderr; DEBUG=1 adds stack traces to errors.',
  '--quiet': 'There is no --quiet: the text for people goes to stderr (2>/dev/null hides it); --json prints only the result, on stdout.',
  '-q': 'There is no -q: the text for people goes to stderr (2>/dev/null hides it); --json prints only the result, on stdout.',
  '--no-color': 'There is no --no-color: set NO_COLOR=1 (e.g. NO_COLOR=1 sentinel-init ...).',
};

/** The one line for an unknown flag: a pointer, a near miss, or undefined (plain "Unknown flag"). */
export function unknownFlag(name: string, known: readonly string[]): string | undefined {
  const pointer = POINTERS[name];
  if (pointer) return pointer;
  if (!name.startsWith('--')) return undefined;
  const bare = name.slice(2);
  const guess = closest(bare, known.filter((f) => f.startsWith('--')).map((f) => f.slice(2)), editBudget(bare));
  return guess ? `Unknown flag ${name}. Did you mean --${guess}?` : undefined;
}

/** The one line for a word that is neither a KIND nor a command here: a near miss, or undefined. */
export function unknownWord(word: string, commandsAllowed: boolean): string | undefined {
  const kinds = [...KIND_NAMES, 'all'];
  const guess = closest(word, commandsAllowed ? [...kinds, ...SUBCOMMANDS] : kinds, editBudget(word));
  if (!guess) return undefined;
  return `Unknown ${kinds.includes(guess) ? 'kind' : 'command'} "${word}". Did you mean ${guess}?`;
}

/** `--output json` is aws's; here JSON is --json, and --output prints code. */
export function unknownOutput(value: string): string {
  if (value.toLowerCase() === 'json') return `--output prints code (${IAC_OUTPUTS.join(', ')}); for JSON use --json.`;
  const guess = closest(value, IAC_OUTPUTS, editBudget(value));
  return `Unknown output "${value}"${guess ? `. Did you mean ${guess}?` : `: use ${IAC_OUTPUTS.join(', ')}.`}`;
}
