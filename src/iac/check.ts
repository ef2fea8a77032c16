/**
 * The last look at generated code before anyone gets it (stdout, --output-file, the wizard's saves):
 * a control or line-breaking character left raw would make YAML (which breaks lines at U+0085, U+2028
 * and U+2029) or HCL read something else than was written — cfn-lint failed on a header comment
 * while the run said "Wrote CloudFormation". The writers escape them; this makes a slip a loud bug.
 */
import { Unexpected } from '../core/errors.js';

// Only `\n` ends a line in our output; a raw tab is not allowed in YAML indentation either.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** `text` itself, or an Unexpected error (exit 1, nothing written) naming the character and line. */
export function checkDocument(text: string, format: 'Terraform' | 'CloudFormation'): string {
  const found = RAW.exec(text);
  if (found) {
    const line = text.slice(0, found.index).split('\n').length;
    const code = `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new Unexpected(new Error(`the ${format} code holds a raw ${code} on line ${line}, so it would not read back as written; nothing was written`));
  }
  if (!text.endsWith('\n')) throw new Unexpected(new Error(`the ${format} code does not end with a newline; nothing was written`));
  return text;
}
