/**
 * The wizard's steps as data: a discriminated union and a pure transition function. Rendering,
 * AWS calls and key handling live elsewhere; everything here is tested without React.
 */
import { unchangedResult } from '../engine/result.js';
import type { ApplyResult } from '../engine/types.js';
import { MAX_TAGS, parseTag, withTag, type Tag } from '../core/tags.js';
import type { Options } from '../service/options.js';
import type { VerifyReport } from '../verify/types.js';
import type { Checked, KindChoice, SavedCode, SavedPolicies } from './services.js';

export type InputStep = 'kind' | 'profile' | 'region' | 'table' | 'tags';
export const INPUT_STEPS: readonly InputStep[] = ['kind', 'profile', 'region', 'table', 'tags'];

export type Step =
  | { name: InputStep }
  | { name: 'check' }
  | { name: 'check-failed'; message: string }
  | { name: 'plan' }
  | { name: 'iam' }
  | { name: 'confirm' }
  | { name: 'apply' }
  /** Applied (or nothing to do): the summary waits for Enter, offering verify. */
  | { name: 'done'; results: ApplyResult[] }
  | { name: 'apply-failed'; message: string }
  | { name: 'declined' }
  /** "Don't create, just give me the code" at the confirm: the code is saved, nothing changed. */
  | { name: 'code-only' }
  /** `at`: the step Ctrl-C came on (the answers before it are the run's). */
  | { name: 'interrupted'; during: 'setup' | 'apply'; at: StepName };

export type StepName = Step['name'];

export interface Answers {
  kind: KindChoice;
  /** undefined: the default credential chain (once the profile step is behind us). */
  profile?: string;
  region?: string;
  table?: string;
  /** The user's tags (the tool's two are always added). */
  tags: Tag[];
}

/** Verify on the done screen: running, then each table's report (or why it could not run). */
export interface VerifyState {
  running: boolean;
  reports: VerifyReport[];
  error?: string;
  /** Ctrl-C while it ran: it is removing its probe items before the run ends. */
  stopping?: boolean;
  /** It was stopped by Ctrl-C: the run ends 130. */
  stopped?: boolean;
  /** Esc while it ran: it is removing its probe items, then the done screen stays (the run goes on). */
  cancelled?: boolean;
}

export interface WizardState {
  step: Step;
  answers: Answers;
  /** Answers that came as flags: their steps are skipped. */
  given: Record<InputStep, boolean>;
  /** The flags' values of the answers derived from an earlier one (see DERIVED): what they go back to. */
  flags: Pick<Answers, Derived>;
  checked?: Checked;
  /** The tags step's line being typed, and why the last one entered was refused. */
  tagDraft: string;
  tagError?: string;
  /** Where the two IAM policies were saved (one file each), for the transcript; forgotten when an answer changes (the files hold the old policies). */
  policySaved?: SavedPolicies;
  /** Every save of the code (`t`, `c`), for the transcript. */
  code: SavedCode[];
  verify?: VerifyState;
  /** The person is done with the done screen (Enter): the run ends. */
  finished: boolean;
}

export type WizardEvent =
  | { type: 'kind'; kind: KindChoice }
  | { type: 'profile'; profile?: string }
  | { type: 'region'; region: string }
  | { type: 'table'; table: string }
  /** The tags step: the line as typed, and Enter on it (an empty line continues). */
  | { type: 'tag-draft'; text: string }
  | { type: 'tag-enter'; text: string }
  | { type: 'checked'; checked: Checked }
  | { type: 'check-failed'; message: string }
  | { type: 'next' }
  | { type: 'policy-saved'; paths: SavedPolicies }
  | { type: 'code-saved'; saved: SavedCode }
  /** At the confirm, after the code was saved: end without changing anything. */
  | { type: 'code-only' }
  | { type: 'confirm' }
  | { type: 'decline' }
  | { type: 'applied'; results: ApplyResult[] }
  | { type: 'apply-failed'; message: string }
  | { type: 'verify-start' }
  /** Esc while verify runs: stop it (its probe items removed) and stay on the done screen. */
  | { type: 'verify-cancel' }
  | { type: 'verify-done'; reports: VerifyReport[] }
  | { type: 'verify-failed'; message: string }
  /** A stopped verify ended (its cleanup done): what became of its probe items. */
  | { type: 'verify-stopped'; message: string }
  | { type: 'finish' }
  | { type: 'back' }
  /** Ctrl-C; `leaving`: what a verify in flight would leave if the run ended now (its probe items). */
  | { type: 'interrupt'; leaving?: string };

/** The state a run starts in: flags pre-fill answers and skip their steps. */
export function initialState(options: Options): WizardState {
  const given: Record<InputStep, boolean> = {
    kind: options.kindGiven,
    // AWS_PROFILE only preselects; the flag answers the question. The local demo's profile (fake
    // keys) and region are its own: asking for them changes nothing but invites a wrong answer.
    profile: (options.profile !== undefined && options.profileSource !== 'AWS_PROFILE') || options.local,
    region: options.region !== undefined,
    table: options.table !== undefined,
    // Asked right after the table name, and skipped with it: a run that names its table by flag
    // (and so opens on the plan) gives its tags by flag too. DynamoDB Local has no tags to set.
    tags: options.tags.length > 0 || options.table !== undefined || options.local,
  };
  const answers: Answers = { kind: options.kind, profile: options.profile, region: options.region, table: options.table, tags: options.tags };
  const flags = { region: options.region, table: options.table };
  return { step: { name: firstInputAfter(-1, given, answers) }, answers, given, flags, tagDraft: '', finished: false, code: [] };
}

/** Whether a step is asked: not when given by flag, and never the table name for all tables (each keeps its default). */
function asked(step: InputStep, given: Record<InputStep, boolean>, answers: Answers): boolean {
  return !given[step] && !(step === 'table' && answers.kind === 'all');
}

/** The next step to ask after input index `index`, or the check when every answer is in. */
function firstInputAfter(index: number, given: Record<InputStep, boolean>, answers: Answers): InputStep | 'check' {
  return INPUT_STEPS.slice(index + 1).find((s) => asked(s, given, answers)) ?? 'check';
}

/** The last asked step before input index `index`, or undefined when there is none (first screen). */
function lastInputBefore(index: number, given: Record<InputStep, boolean>, answers: Answers): InputStep | undefined {
  return [...INPUT_STEPS.slice(0, Math.max(index, 0))].reverse().find((s) => asked(s, given, answers));
}

/** The exit code of a run that has ended, or undefined while it goes on. */
export function exitCodeOf(state: WizardState): number | undefined {
  switch (state.step.name) {
    case 'done':
      if (!state.finished) return undefined;
      if (state.verify?.stopped) return 130;
      return state.verify?.error || state.verify?.reports.some((r) => !r.passed) ? 1 : 0;
    case 'declined':
    case 'code-only':
      return 0;
    case 'apply-failed':
      return 1;
    case 'interrupted':
      return 130;
    default:
      return undefined;
  }
}

type Derived = 'region' | 'table';

/**
 * Answers whose default comes from an earlier answer: the region list starts on the profile's own
 * region, the table name on the kind's default name. An answer kept after the earlier one changed
 * would carry the old default along (dev's region for staging), so it goes back to its flag's value,
 * or none, and its default is derived again from the new answer when its step is asked.
 */
const DERIVED: Partial<Record<InputStep, readonly Derived[]>> = { kind: ['table'], profile: ['region'] };

function answer(state: WizardState, step: InputStep, answers: Partial<Answers>): WizardState {
  const index = INPUT_STEPS.indexOf(step);
  if (state.step.name !== step) return state;
  const next = { ...state.answers, ...answers };
  const changed = (Object.keys(answers) as (keyof Answers)[]).some((key) => state.answers[key] !== next[key]);
  if (changed) for (const key of DERIVED[step] ?? []) next[key] = state.flags[key];
  // A new answer invalidates any earlier check; a changed one, the policy saved from it (its ARNs).
  const policySaved = changed ? undefined : state.policySaved;
  return { ...state, answers: next, checked: undefined, policySaved, step: { name: firstInputAfter(index, state.given, next) } };
}

/** Enter on the tags step: an empty line continues; `key=value` adds (or replaces) a tag, or says why not. */
function enterTag(state: WizardState, text: string): WizardState {
  if (text.trim() === '') return { ...answer(state, 'tags', {}), tagError: undefined };
  const tag = parseTag(text);
  if (typeof tag === 'string') return { ...state, tagDraft: text, tagError: tag };
  const tags = withTag(state.answers.tags, tag);
  if (tags.length + 2 > MAX_TAGS) return { ...state, tagDraft: text, tagError: `DynamoDB allows ${MAX_TAGS} tags on a table, the tool's 2 included.` };
  return { ...state, answers: { ...state.answers, tags }, checked: undefined, tagDraft: '', tagError: undefined };
}

function back(state: WizardState): WizardState {
  const { step, given, answers } = state;
  const to = (name: InputStep | undefined): WizardState => (name ? { ...state, step: { name } } : state);
  switch (step.name) {
    case 'kind':
    case 'profile':
    case 'region':
    case 'table':
    case 'tags':
      return to(lastInputBefore(INPUT_STEPS.indexOf(step.name), given, answers));
    case 'check':
    case 'check-failed':
    case 'plan':
      return to(lastInputBefore(INPUT_STEPS.length, given, answers));
    case 'iam':
      return { ...state, step: { name: 'plan' } };
    case 'confirm':
      return { ...state, step: { name: 'iam' } };
    default:
      return state;
  }
}

/** After the IAM policy: tables with nothing to do finish as "unchanged"; any change asks first. */
function afterPolicy(state: WizardState): WizardState {
  const plans = state.checked?.plans ?? [];
  if (plans.some((p) => p.action !== 'none')) return { ...state, step: { name: 'confirm' } };
  return { ...state, step: { name: 'done', results: plans.map((p) => unchangedResult(p)) } };
}

/** Pure: the state after an event. Events that make no sense in the current step change nothing. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  const at = state.step.name;
  switch (event.type) {
    case 'kind':
      return answer(state, 'kind', { kind: event.kind });
    case 'profile':
      return answer(state, 'profile', { profile: event.profile });
    case 'region':
      return answer(state, 'region', { region: event.region });
    case 'table':
      return answer(state, 'table', { table: event.table });
    case 'tag-draft':
      return at === 'tags' ? { ...state, tagDraft: event.text, tagError: undefined } : state;
    case 'tag-enter':
      return at === 'tags' ? enterTag(state, event.text) : state;
    case 'checked':
      return at === 'check' ? { ...state, checked: event.checked, step: { name: 'plan' } } : state;
    case 'check-failed':
      // Flags were a guess that failed: un-skip their steps so Esc can walk back to any of them.
      return at === 'check'
        ? { ...state, given: { ...state.given, profile: false, region: false, table: false }, step: { name: 'check-failed', message: event.message } }
        : state;
    case 'next':
      if (at === 'plan') return { ...state, step: { name: 'iam' } };
      if (at === 'iam') return afterPolicy(state);
      return state;
    case 'policy-saved':
      return { ...state, policySaved: event.paths };
    case 'code-saved':
      return { ...state, code: [...state.code, event.saved] };
    case 'code-only':
      return at === 'confirm' && state.code.length > 0 ? { ...state, step: { name: 'code-only' } } : state;
    case 'confirm':
      return at === 'confirm' ? { ...state, step: { name: 'apply' } } : state;
    case 'decline':
      return at === 'confirm' ? { ...state, step: { name: 'declined' } } : state;
    case 'applied':
      return at === 'apply' ? { ...state, step: { name: 'done', results: event.results } } : state;
    case 'apply-failed':
      return at === 'apply' ? { ...state, step: { name: 'apply-failed', message: event.message } } : state;
    case 'verify-start':
      return at === 'done' && !state.verify?.running && !state.finished ? { ...state, verify: { running: true, reports: [] } } : state;
    case 'verify-done':
      if (at !== 'done' || state.finished) return state;
      // Done before the stop reached a call: the reports stand, and the run ends as stopped.
      if (state.verify?.stopping && !state.verify.cancelled) return { ...state, finished: true, verify: { running: false, reports: event.reports, stopped: true } };
      return { ...state, verify: { running: false, reports: event.reports } };
    case 'verify-cancel':
      return at === 'done' && state.verify?.running && !state.verify.stopping ? { ...state, verify: { ...state.verify, stopping: true, cancelled: true } } : state;
    case 'verify-stopped':
      if (at !== 'done' || state.finished) return state;
      // Stopped by Esc: the done screen stays, saying what became of the probe items.
      if (state.verify?.cancelled) return { ...state, verify: { running: false, reports: [], error: event.message } };
      return { ...state, finished: true, verify: { running: false, reports: [], error: event.message, stopped: true } };
    case 'verify-failed':
      return at === 'done' ? { ...state, verify: { running: false, reports: [], error: event.message } } : state;
    case 'finish':
      return at === 'done' && !state.verify?.running ? { ...state, finished: true } : state;
    case 'back':
      return back(state);
    case 'interrupt':
      // On the done screen the work is finished: Ctrl-C ends the run. A verify in flight is stopped by the
      // app and removes its probe items first (verify-stopped ends the run); a second Ctrl-C does not wait.
      // After Esc the stop is already under way: Ctrl-C now also ends the run, once the probe items are removed.
      if (at === 'done' && state.verify?.running && (!state.verify.stopping || state.verify.cancelled)) {
        const { cancelled: _, ...verify } = state.verify;
        return { ...state, verify: { ...verify, stopping: true } };
      }
      if (at === 'done' && state.verify?.running) {
        return { ...state, finished: true, verify: { running: false, reports: [], error: `Stopped again while removing the probe items. ${event.leaving ?? 'No probe item is left.'}`, stopped: true } };
      }
      if (at === 'done') return { ...state, finished: true };
      if (exitCodeOf(state) !== undefined) return state;
      return { ...state, step: { name: 'interrupted', during: at === 'apply' ? 'apply' : 'setup', at } };
  }
}
