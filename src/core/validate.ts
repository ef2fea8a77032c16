/**
 * Value validation shared by the flag parser, the workflow and the wizard (which validates as you
 * type). Each function is pure and returns a sentence for a person, or undefined when the value is fine.
 */

const TABLE_CHARS = /^[A-Za-z0-9_.-]+$/;

/** The longest table name DynamoDB takes (the wizard's field holds no more). */
export const TABLE_NAME_MAX = 255;

/** DynamoDB table names: 3–255 characters of letters, digits, `_`, `-`, `.`. Says which rule failed. */
export function validateTableName(name: string): string | undefined {
  if (name.length === 0) return 'Table name is empty: use 3 to 255 letters, digits, "_", "-" or ".".';
  const bad = [...name].find((c) => !TABLE_CHARS.test(c));
  if (bad !== undefined) {
    const shown = bad === ' ' ? 'a space' : /\s/.test(bad) ? 'a whitespace character' : `"${bad}"`;
    return `Table name "${name}" contains ${shown}: only letters, digits, "_", "-" and "." are allowed.`;
  }
  if (name.length < 3) return `Table name "${name}" is too short: it needs at least 3 characters.`;
  if (name.length > TABLE_NAME_MAX) return `Table name is ${name.length} characters long: the limit is ${TABLE_NAME_MAX}.`;
  return undefined;
}

// An area of two to four letters, one to three words, a number: eu-west-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1.
const REGION = /^[a-z]{2,4}(-[a-z]+){1,3}-\d{1,2}$/;

/** A region name such as `eu-west-1` (format only: new regions appear without a release of this tool). */
export function validateRegion(region: string): string | undefined {
  if (region.length === 0) return 'Region is empty: use a region name such as eu-west-1.';
  if (!REGION.test(region)) return `Region "${region}" is not a region name such as eu-west-1 or us-gov-west-1.`;
  return undefined;
}

/** A 12-digit AWS account id. */
export function validateAccountId(id: string): string | undefined {
  if (!/^\d{12}$/.test(id)) return `Account id "${id}" is not 12 digits.`;
  return undefined;
}

/** An http(s) URL with a host, such as http://localhost:8000. */
export function validateEndpointUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Endpoint "${url}" is not a URL such as http://localhost:8000.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Endpoint "${url}" must start with http:// or https://.`;
  }
  if (!parsed.hostname) return `Endpoint "${url}" has no host.`;
  return undefined;
}

/** An MFA token code: six digits (the format STS accepts). */
export function validateMfaCode(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return 'MFA code must be the 6 digits your MFA device shows.';
  return undefined;
}
