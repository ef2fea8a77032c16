/**
 * The confirm: every other screen goes on with Enter, so here a single Enter must not answer the
 * question (neither apply nor end the run). Only y or n (or yes / no typed out) answers it.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmScreen } from '../../src/screens/ConfirmScreen.js';
import { KEY, press, type, waitForText } from './helpers.js';

afterEach(cleanup);

function confirm(strict = false) {
  const said: string[] = [];
  const r = render(
    <ConfirmScreen
      question="Create table t in eu-west-1?"
      strict={strict}
      warnings={strict ? ['t looks like a breakglass table'] : []}
      onYes={() => said.push('yes')}
      onNo={() => said.push('no')}
      onBack={() => said.push('back')}
    />,
  );
  return { r, said };
}

describe('ConfirmScreen', () => {
  it('a single Enter answers nothing: it says to press y or n; the footer says so before any key', async () => {
    const { r, said } = confirm();
    const first = await waitForText(r, 'Create table t in eu-west-1? [y/n]');
    expect(first).toContain('y apply · n decline · Enter does nothing until y or n');
    const after = await press(r, KEY.enter, 'Press y to apply or n to decline');
    expect(after).toContain('Create table t in eu-west-1? [y/n]');
    await press(r, KEY.enter);
    expect(said).toEqual([]);
    await press(r, 'n');
    expect(said).toEqual(['no']);
  });

  it('y applies', async () => {
    const { r, said } = confirm();
    await waitForText(r, '[y/n]');
    await press(r, 'y');
    expect(said).toEqual(['yes']);
  });

  it('strict (a table that looks like another kind): Enter on an empty line or on other words answers nothing; no declines, yes applies', async () => {
    const { r, said } = confirm(true);
    const first = await waitForText(r, 'Type yes to apply anyway');
    expect(first).toContain('yes + Enter apply · no + Enter decline');
    await press(r, KEY.enter, 'Type yes to apply or no to decline');
    await type(r, 'maybe');
    await press(r, KEY.enter);
    expect(said).toEqual([]);
    for (let i = 0; i < 5; i++) await press(r, KEY.backspace);
    await type(r, 'no');
    await press(r, KEY.enter);
    expect(said).toEqual(['no']);
    for (let i = 0; i < 2; i++) await press(r, KEY.backspace);
    await type(r, 'YES');
    await press(r, KEY.enter);
    expect(said).toEqual(['no', 'yes']);
  });
});
