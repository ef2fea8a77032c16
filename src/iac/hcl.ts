/**
 * A small HCL writer for the Terraform export, laid out as `terraform fmt` lays it out (the tests
 * hold it to `terraform fmt -check`): two-space indents, and the `=` of consecutive one-line
 * attributes aligned; an attribute whose value spans lines stands alone.
 */
import { oneLine } from '../core/text.js';

/** A Terraform expression written as it is: a reference, a function call, a template. */
export interface Expr {
  expr: string;
}

export const expr = (text: string): Expr => ({ expr: text });

export type HclValue = string | number | boolean | Expr | readonly HclValue[] | { readonly [key: string]: HclValue };

/** One entry of a body: an attribute, a nested block, a blank line or a comment. */
export type BodyItem =
  | { attr: string; value: HclValue }
  | { block: string; labels?: readonly string[]; body: readonly BodyItem[] }
  | { blank: true }
  | { comment: string };

const isExpr = (value: HclValue): value is Expr => typeof value === 'object' && value !== null && 'expr' in value && !Array.isArray(value);

/**
 * A quoted HCL string. Besides JSON's escapes, `${` and `%{` are doubled: nothing in a value may be
 * read as a template. Characters JSON leaves raw but that end a line elsewhere are escaped too.
 */
export function hclString(text: string): string {
  const json = JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // A function, not '$${': in a replacement string `$$` means one `$`.
  return json.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

/** An object key: bare when it is a plain word (true, false and null are keywords), else quoted. */
const key = (name: string) => (/^[A-Za-z][A-Za-z0-9_]*$/.test(name) && !['true', 'false', 'null'].includes(name) ? name : hclString(name));

const scalar = (value: HclValue): value is string | number | boolean | Expr => typeof value !== 'object' || value === null || isExpr(value);

/** `value` as HCL; lines after the first are indented by `indent`. */
export function hclValue(value: HclValue, indent: string): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isExpr(value)) return value.expr;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.length === 0) return '[]';
    // A short list of plain values reads best on one line, as people write Action lists.
    const flat = `[${items.map((v) => hclValue(v, inner)).join(', ')}]`;
    if (items.every(scalar) && flat.length <= 60) return flat;
    return `[\n${items.map((v) => `${inner}${hclValue(v, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${aligned(entries.map(([name, v]) => [key(name), v]), inner).join('\n')}\n${indent}}`;
}

/** `name = value` lines; runs of one-line values have their `=` aligned. */
function aligned(entries: readonly (readonly [string, HclValue])[], indent: string): string[] {
  const rendered = entries.map(([name, v]) => ({ name, text: hclValue(v, indent) }));
  const lines: string[] = [];
  let run: { name: string; text: string }[] = [];
  const flush = () => {
    const width = Math.max(...run.map((r) => r.name.length));
    for (const r of run) lines.push(`${indent}${r.name.padEnd(width)} = ${r.text}`);
    run = [];
  };
  for (const r of rendered) {
    if (!r.text.includes('\n')) {
      run.push(r);
      continue;
    }
    if (run.length > 0) flush();
    lines.push(`${indent}${r.name} = ${r.text}`);
  }
  if (run.length > 0) flush();
  return lines;
}

/** A body's lines at `indent`. */
export function body(items: readonly BodyItem[], indent: string): string[] {
  const lines: string[] = [];
  let attrs: [string, HclValue][] = [];
  const flush = () => {
    lines.push(...aligned(attrs, indent));
    attrs = [];
  };
  for (const item of items) {
    if ('attr' in item) {
      attrs.push([item.attr, item.value]);
      continue;
    }
    flush();
    if ('blank' in item) lines.push('');
    else if ('comment' in item) lines.push(...item.comment.split('\n').map((l) => hclComment(l, indent)));
    else lines.push(...block(item.block, item.labels ?? [], item.body, indent));
  }
  flush();
  return lines;
}

/** One `#` comment line: any character that could end it elsewhere is escaped. */
export const hclComment = (text: string, indent = ''): string => `${indent}# ${oneLine(text)}`.trimEnd();

/** `type "label" {`, the body, `}`. */
export function block(type: string, labels: readonly string[], items: readonly BodyItem[], indent = ''): string[] {
  const head = [type, ...labels.map(hclString)].join(' ');
  return [`${indent}${head} {`, ...body(items, `${indent}  `), `${indent}}`];
}
