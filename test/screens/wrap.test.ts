// Long lines folded to the screen's width, never cut: what a person reads at 80 columns.
import { describe, expect, it } from 'vitest';
import { wrapPieces, wrapText } from '../../src/components/wrap.js';

describe('wrapText', () => {
  it('folds at the last space that fits and continues under the text', () => {
    expect(wrapText('  sentinel CLI       --request-table sentinel-requests  (request, list, check, approve, deny)', 79, 6)).toEqual([
      '  sentinel CLI       --request-table sentinel-requests  (request, list, check,',
      '      approve, deny)',
    ]);
  });

  it('folds an ARN after table/ rather than inside its indentation or mid-name', () => {
    const arn = '        "arn:aws-us-gov:dynamodb:us-gov-west-1:210987654321:table/sentinel-sessions"';
    expect(wrapText(arn, 79, 10)).toEqual(['        "arn:aws-us-gov:dynamodb:us-gov-west-1:210987654321:table/', '          sentinel-sessions"']);
  });

  it('cuts mid-word only when nothing else fits, and loses no character', () => {
    const word = 'x'.repeat(30);
    const rows = wrapText(word, 20, 2);
    expect(rows.map((r) => r.length).every((n) => n <= 20)).toBe(true);
    expect(rows.map((r, i) => (i === 0 ? r : r.slice(2))).join('')).toBe(word);
  });

  it('leaves a line that fits alone, and keeps each piece its tone', () => {
    expect(wrapText('short', 80, 2)).toEqual(['short']);
    const rows = wrapPieces(
      [
        { text: 'key ', tone: 'dim' },
        { text: 'value value value', tone: 'plain' },
      ],
      12,
      2,
    );
    expect(rows[0]).toEqual([{ text: 'key ', tone: 'dim' }, { text: 'value', tone: 'plain' }]);
    expect(rows.slice(1).flat().every((p) => p.tone === 'plain' || p.text.trim() === '')).toBe(true);
  });
});

describe('wrapText, JSON key and value', () => {
  it('moves a whole ARN to the next row rather than splitting it, when it fits there', () => {
    expect(wrapText('      "Resource": "arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests"', 79, 8)).toEqual([
      '      "Resource":',
      '        "arn:aws:dynamodb:eu-central-1:123456789012:table/sentinel-requests"',
    ]);
  });
});

describe('wrapText, commands to paste', () => {
  const sso = 'The SSO session of profile corp-sso has expired or was never started. Run: aws sso login --profile corp-sso';

  it('at 80 columns `aws sso login --profile corp-sso` stays whole on one row', () => {
    const rows = wrapText(sso, 79, 2);
    expect(rows.every((r) => r.length <= 79)).toBe(true);
    expect(rows.some((r) => r.trim() === 'aws sso login --profile corp-sso')).toBe(true);
    expect(rows.join(' ')).toContain('Run:');
  });

  it('a command too long for a row breaks only between arguments, each row but the last ending in " \\"', () => {
    const command = "sentinel-init ratelimit --aws-profile dev --endpoint-url http://127.0.0.1:8400 --region eu-west-1 --table sentinel-ratelimit --tag 'team=a b' --yes";
    const rows = wrapText(`Table sentinel-ratelimit does not exist in eu-west-1: there is nothing to verify. Create it first: ${command}`, 79, 2);
    expect(rows.every((r) => r.length <= 79)).toBe(true);
    const from = rows.findIndex((r) => r.includes('sentinel-init'));
    const commandRows = rows.slice(from);
    expect(commandRows.slice(0, -1).every((r) => r.endsWith(' \\'))).toBe(true);
    // Joined the way the shell joins continuation lines, it is the command, word for word.
    const pasted = commandRows.map((r) => r.replace(/ \\$/, '').trim()).join(' ');
    expect(pasted).toBe(command);
    // No row breaks a word: every row boundary is between two of the command's arguments.
    expect(commandRows.length).toBeGreaterThan(1);
    expect(commandRows.every((r) => !/(^|\s)(http:\/\/|--)$/.test(r.replace(/ \\$/, '')))).toBe(true);
  });

  it('a command in backticks moves whole to the next row when it fits there, prose keeps folding at spaces', () => {
    const rows = wrapText('The table has gsi-device-id, which rejects writes: run `sentinel-init sessions --table verify-v010 --region eu-west-1 --yes` to remove it, then verify again.', 79, 2);
    expect(rows.some((r) => r.includes('`sentinel-init sessions --table verify-v010 --region eu-west-1 --yes`'))).toBe(true);
    expect(rows.every((r) => !r.endsWith('\\'))).toBe(true);
  });

  it('a command that starts node dist/cli.js (after npm start) folds the same way', () => {
    const command = 'node /home/me/src/sentinel-init/dist/cli.js sessions --aws-profile dev --region eu-west-1 --table sentinel-sessions --yes';
    const rows = wrapText(`Run it again to finish: ${command}`, 60, 2);
    expect(rows[0]).toBe('Run it again to finish:');
    expect(rows.slice(1, -1).every((r) => r.endsWith(' \\'))).toBe(true);
    expect(rows.slice(1).map((r) => r.replace(/ \\$/, '').trim()).join(' ')).toBe(command);
  });

  it('prose that mentions sentinel-init is not a command', () => {
    expect(wrapText('Tag sentinel:table-kind is set by sentinel-init itself and cannot be given with --tag, so leave it out of the command line.', 40, 2).every((r) => !r.endsWith('\\'))).toBe(true);
  });
});
