// What the scrollback keeps after an interrupted run: only answers the person gave, a command only once it can be complete.
import { describe, expect, it } from 'vitest';
import { initialState, transition, type WizardEvent, type WizardState } from '../../src/wizard/steps.js';
import { transcript } from '../../src/wizard/transcript.js';
import { fakePlan, options } from './fixtures.js';

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(transition, state);
const COMMAND = 'sentinel-init sessions --region eu-west-1 --table t --yes';
const text = (state: WizardState) => transcript(state, options(), COMMAND);

describe('transcript after Ctrl-C', () => {
  it('on the first question: nothing of the run, only that nothing was created', () => {
    expect(text(run(initialState(options()), { type: 'interrupt' }))).toEqual(['', 'Interrupted: nothing was created.']);
  });

  it('on the profile question: the kind chosen, no default profile or table claimed, no command without a region', () => {
    const lines = text(run(initialState(options()), { type: 'kind', kind: 'approvals' }, { type: 'interrupt' }));
    expect(lines).toContain('  kind      approvals');
    expect(lines.some((l) => l.startsWith('  profile'))).toBe(false);
    expect(lines.some((l) => l.startsWith('  table'))).toBe(false);
    expect(lines.join('\n')).not.toContain('sentinel-init approvals');
    expect(lines.at(-1)).toBe('Interrupted: nothing was created.');
  });

  it('at the confirm: every answer, the plan, and the command for later', () => {
    const atConfirm = run(
      initialState(options({ kindGiven: true, profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 't' })),
      { type: 'checked', checked: { plans: [fakePlan('create', { table: 't' })] } },
      { type: 'next' },
      { type: 'next' },
      { type: 'interrupt' },
    );
    const lines = text(atConfirm);
    expect(lines).toEqual(expect.arrayContaining(['  kind      sessions', '  profile   dev', '  region    eu-west-1', '  table     t', '  plan      t: create with 4 indexes']));
    expect(lines.slice(-3)).toEqual(['Interrupted: nothing was created.', 'To do it later, without questions:', `  ${COMMAND}`]);
  });
});
