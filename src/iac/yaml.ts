/**
 * A small YAML writer for the CloudFormation export: block mappings and sequences, two-space
 * indents, and scalars that read back as exactly what was written, under YAML 1.1 (CloudFormation,
 * PyYAML, cfn-lint) and YAML 1.2 alike. No library: the templates are small and regular.
 */
import { oneLine } from '../core/text.js';

/** yes, no, on, off, y, n and the rest are booleans or null to YAML 1.1 readers. */
const KEYWORD = /^(y|yes|n|no|true|false|on|off|null)$/i;

/** Letters first, then letters, digits and `_ . / : -`, not ending in `:`: plain in any YAML. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./:-]*$/;

/** Printable characters that are not line breaks anywhere (YAML 1.1 breaks lines at U+0085, U+2028, U+2029). */
const RAW = /[\u0020-\u007e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\u{10000}-\u{10ffff}]/u;

function escape(char: string): string {
  if (char === '"' || char === '\\') return `\\${char}`;
  if (RAW.test(char)) return char;
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** A string scalar: plain when nothing could read it as another type, else double-quoted. */
export function yamlString(text: string): string {
  if (PLAIN.test(text) && !KEYWORD.test(text) && !text.endsWith(':')) return text;
  return `"${[...text].map(escape).join('')}"`;
}

type Entries = [string, unknown][];

const entriesOf = (value: object): Entries => Object.entries(value).filter(([, v]) => v !== undefined);
const isBlock = (value: unknown) => typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : entriesOf(value).length > 0);

function scalar(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  throw new Error(`YAML cannot hold ${String(value)}.`);
}

/** A short list of plain words inline, as CloudFormation templates write Fn::GetAtt: [Table, Arn]. */
function inline(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 3) return undefined;
  return value.every((v) => typeof v === 'string' && /^[A-Za-z0-9]+$/.test(v) && !KEYWORD.test(v)) ? `[${value.join(', ')}]` : undefined;
}

/** The lines of a mapping or sequence at `indent`. */
function blockLines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isBlock(item)) return [`${indent}- ${scalar(item)}`];
      const inner = blockLines(item, `${indent}  `);
      // The item's first line goes on the dash: `- Key: value`.
      return Array.isArray(item) ? [`${indent}-`, ...inner] : [`${indent}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1)];
    });
  }
  return entriesOf(value as object).flatMap(([key, v]) => {
    const head = `${indent}${yamlString(key)}:`;
    const flow = inline(v);
    if (flow) return [`${head} ${flow}`];
    return isBlock(v) ? [head, ...blockLines(v, `${indent}  `)] : [`${head} ${scalar(v)}`];
  });
}

/** A YAML document for `value` (a mapping), after `comments` as `#` lines (line breaks in them escaped). */
export function yamlDocument(value: object, comments: readonly string[] = []): string {
  return `${[...comments.map((c) => `# ${oneLine(c)}`.trimEnd()), ...blockLines(value, '')].join('\n')}\n`;
}
