/**
 * Text that reaches a terminal or a log: never a raw control character (an ESC from a table name,
 * a profile or an environment variable could rewrite the screen) and never a secret.
 */

// C0 controls but tab and newline, DEL, and C1 controls (U+009B is a one-byte CSI on some terminals).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** One character as its \u001b-style escape. */
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters shown as \u001b escapes: visible to a person, and still valid inside JSON strings. */
export function visible(text: string): string {
  return text.replace(CONTROL, escaped);
}

// Everything that ends a line somewhere: \n, \r, NEL (U+0085, also C1), LS and PS (U+2028, U+2029).
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text that must stay on one line (a one-line error, a comment in generated code): every control
 * and line-breaking character shown escaped (\n, \r, \t, else \u2028-style), never raw.
 */
export function oneLine(text: string): string {
  return text.replace(BREAKING, (c) => SHORT[c] ?? escaped(c));
}

/** Words at least one of which is in every match of redact's patterns (all of them, lower case). */
const REDACT_WORDS = ['://', 'token', 'secret', 'passw', 'api-key', 'apikey', 'credential'];

/**
 * Credentials that commands and URLs carry, replaced by ***: a password in a URL
 * (`http://user:pw@host`), `--token=…`-style arguments (a credential_process command line in a
 * DEBUG stack), and AWS secret keys and session tokens written as `name = value` or `name: value`.
 */
export function redact(text: string): string {
  // Each pattern below needs one of these words; most text has none, and compiling the patterns
  // costs ~0.8 ms, a fifth of what --version adds to Node's own start.
  const lower = text.toLowerCase();
  if (!REDACT_WORDS.some((word) => lower.includes(word))) return text;
  return text
    .replace(/(\b[a-z][\w+.-]*:\/\/[^\s/:@]+):[^\s/@]+@/gi, '$1:***@')
    .replace(/(--?[\w-]*(?:token|secret|password|passwd|api-?key|credential)[\w-]*=)[^\s'"]+/gi, '$1***')
    .replace(/(--?[\w-]*(?:token|secret|password|passwd)[\w-]*\s+)(?!-)[^\s'"]+/gi, '$1***')
    // Only values that look like keys (16+ base64 characters): a placeholder such as "..." in a hint stays.
    .replace(/((?:aws_secret_access_key|aws_session_token|SecretAccessKey|SessionToken|X-Amz-Security-Token)["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{16,}/gi, '$1***');
}

/**
 * Text from a program we do not control (a credential_process's error output), for DEBUG: every
 * word that looks like a token or key (12+ characters of letters, digits and `._~+/=-`, with both a
 * letter and a digit, e.g. a Vault token `s.AbC123…`) replaced by ***.
 */
export function maskTokens(text: string): string {
  return text.replace(/[A-Za-z0-9._~+/=-]{12,}/g, (word) => (/[A-Za-z]/.test(word) && /\d/.test(word) ? '***' : word));
}

/** Both: what every line printed for a person goes through. */
export function safeText(text: string): string {
  return visible(redact(text));
}

/** A URL for display: its password (if any) replaced by ***. */
export function displayUrl(url: string): string {
  return redact(url);
}
