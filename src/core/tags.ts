/**
 * Table tags: the two this tool always sets, the user's `--tag KEY=VALUE`, and DynamoDB's rules for
 * both (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TaggingRestrictions.html).
 * Pure: the flag parser, the wizard's tags step and the plan share it.
 */
import type { KindName } from './kinds.js';

export interface Tag {
  key: string;
  value: string;
}

/** The tags every table gets, so tables can be found later (and Security Hub DynamoDB.5 passes). */
export function toolTags(kind: KindName): Tag[] {
  return [
    { key: 'managed-by', value: 'sentinel-init' },
    { key: 'sentinel:table-kind', value: kind },
  ];
}

const TOOL_KEYS = new Set(['managed-by', 'sentinel:table-kind']);

// "letters, white space, and numbers, plus the following special characters: + - = . _ : /"
// (DynamoDB's list has no `@`, which other services allow).
const ALLOWED = /^[\p{L}\p{Z}\p{N}+\-=._:/]$/u;

/** Unicode characters, as DynamoDB counts them. */
const length = (text: string) => [...text].length;

function badCharacter(text: string): string | undefined {
  const bad = [...text].find((c) => !ALLOWED.test(c));
  if (bad === undefined) return undefined;
  return /\s/.test(bad) && bad !== ' ' ? 'a control or tab character' : `"${bad}"`;
}

/** The longest `key=value` line a tag can be: a 128-character key, `=`, a 256-character value. */
export const TAG_LINE_MAX = 128 + 1 + 256;

/** Why a tag breaks DynamoDB's rules or clashes with the tool's own, or undefined when it is fine. */
export function tagProblem(tag: Tag): string | undefined {
  const { key, value } = tag;
  if (length(key) === 0) return 'Tag key is empty: write KEY=VALUE, e.g. team=platform.';
  if (length(key) > 128) return `Tag key "${key.slice(0, 20)}…" is ${length(key)} characters long: DynamoDB allows 128.`;
  if (length(value) > 256) return `The value of tag ${key} is ${length(value)} characters long: DynamoDB allows 256.`;
  const inKey = badCharacter(key);
  if (inKey) return `Tag key "${key}" contains ${inKey}: DynamoDB allows letters, digits, spaces and + - = . _ : / only.`;
  const inValue = badCharacter(value);
  if (inValue) return `The value of tag ${key} contains ${inValue}: DynamoDB allows letters, digits, spaces and + - = . _ : / only.`;
  if (key.toLowerCase().startsWith('aws:')) return `Tag key "${key}" starts with "aws:", which AWS reserves for its own tags.`;
  if (TOOL_KEYS.has(key)) return `Tag ${key} is set by sentinel-init itself and cannot be given with --tag.`;
  return undefined;
}

/** `KEY=VALUE` (the value may be empty and may contain `=`) into a tag, or a sentence saying what is wrong. */
export function parseTag(text: string): Tag | string {
  const eq = text.indexOf('=');
  if (eq < 0) return `Tag "${text}" has no "=": write KEY=VALUE, e.g. team=platform.`;
  const tag = { key: text.slice(0, eq), value: text.slice(eq + 1) };
  return tagProblem(tag) ?? tag;
}

/** DynamoDB's limit of user tags per table (tags starting with aws: do not count). */
export const MAX_TAGS = 50;

/**
 * Adds `tag` to `tags`, replacing a tag of the same key (tag keys are case sensitive and unique per
 * table, so a later value wins, as TagResource would do).
 */
export function withTag(tags: readonly Tag[], tag: Tag): Tag[] {
  return [...tags.filter((t) => t.key !== tag.key), tag];
}

/** The tags a table of this kind wants: the tool's two, then the user's. */
export function desiredTags(kind: KindName, user: readonly Tag[]): Record<string, string> {
  const all: Record<string, string> = {};
  for (const tag of [...toolTags(kind), ...user]) all[tag.key] = tag.value;
  return all;
}

/** `key=value, key=value`, for plans and the command line. */
export function tagsText(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
