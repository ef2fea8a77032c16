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
