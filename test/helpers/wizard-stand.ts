/** What a wizard pty test stands on: tmux, DynamoDB Local and a temp HOME with profiles, set up before the file's tests and torn down after. */
import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { ensureBuilt } from '../cli/run-cli.js';
import { tmuxTerminal } from './tmux.js';
import { wizardHome, type WizardHome } from './wizard-home.js';

export interface WizardStand {
  term: ReturnType<typeof tmuxTerminal>;
  /** Filled in by the time the tests run. */
  local: DynamoDbLocal;
  home: WizardHome;
}

/** Registers the hooks; `label` names the tmux sessions and the temp HOME. */
export function wizardStand(label: string): WizardStand {
  const stand = { term: tmuxTerminal(label) } as WizardStand;
  beforeAll(async () => {
    ensureBuilt();
    stand.local = await startDynamoDbLocal();
    stand.home = wizardHome(label);
  });
  afterAll(async () => {
    stand.term.close();
    await stand.local?.stop();
    stand.home?.remove();
  });
  return stand;
}
