/**
 * A huge paste into a wizard field, in a real terminal (tmux): the field keeps its limit, says it cut
 * the paste, and Ctrl-C still ends the run at once. Before, 200,000 pasted characters froze the
 * wizard for minutes at full CPU and Ctrl-C and SIGTERM went unanswered meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/run-cli.js';
import { tmuxTerminal } from '../helpers/tmux.js';
import { wizardHome, type WizardHome } from '../helpers/wizard-home.js';

const term = tmuxTerminal('wizard-paste');
let home: WizardHome;

beforeAll(() => {
  ensureBuilt();
  home = wizardHome('wizard-paste');
});

afterAll(() => {
  term.close();
  home?.remove();
});

describe('a paste of 200,000 characters into the table name', () => {
  it('is cut at the 255-character limit with a note, and Ctrl-C then exits 130 within 5 s', async () => {
    const s = 'paste';
    // Kind, profile and region given: the wizard opens on the table name, with no AWS call.
    term.launch(s, 'sessions --aws-profile dev --region eu-west-1', home.env);
    await term.waitFor(s, 'Table name?');
    term.paste(s, 'a'.repeat(200_000));
    const cut = await term.waitFor(s, 'paste cut at the 255-character limit', 10_000);
    expect(cut).toContain('✓ valid name');
    // The field holds the 17 characters of sentinel-sessions and 238 of the paste: 255 in all.
    expect(/sentinel-sessions(a+)/.exec(cut.replace(/\n/g, ''))?.[1]).toHaveLength(238);
    const started = Date.now();
    term.key(s, 'C-c');
    const end = await term.waitFor(s, /EXIT=\d+/, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(end).toContain('EXIT=130');
  });
});
