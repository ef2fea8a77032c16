/**
 * The wizard's steps as data: a discriminated union and a pure transition function. Rendering,
 * AWS calls and key handling live elsewhere; everything here is tested without React.
 */
import type { ApplyResult } from '../engine/types.js';
import type { KindName } from '../core/kinds.js';
import { MAX_TAGS, parseTag, withTag, type Tag } from '../core/tags.js';
import type { Options } from '../service/options.js';
import type { Checked } from './services.js';

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
  | { name: 'done'; result: ApplyResult }
  | { name: 'apply-failed'; message: string }
  | { name: 'declined' }
  | { name: 'interrupted'; during: 'setup' | 'apply' };

export type StepName = Step['name'];

export interface Answers {
  kind: KindName;
  /** undefined: the default credential chain (once the profile step is behind us). */
  profile?: string;
  region?: string;
  table?: string;
  /** The user's tags (the tool's two are always added). */
  tags: Tag[];
}

export interface WizardState {
  step: Step;
  answers: Answers;
  /** Answers that came as flags: their steps are skipped. */
  given: Record<InputStep, boolean>;
  checked?: Checked;
  /** The tags step's line being typed, and why the last one entered was refused. */
  tagDraft: string;
  tagError?: string;
}

export type WizardEvent =
  | { type: 'kind'; kind: KindName }
  | { type: 'profile'; profile?: string }
  | { type: 'region'; region: string }
  | { type: 'table'; table: string }
  /** The tags step: the line as typed, and Enter on it (an empty line continues). */
  | { type: 'tag-draft'; text: string }
  | { type: 'tag-enter'; text: string }
  | { type: 'checked'; checked: Checked }
  | { type: 'check-failed'; message: string }
  | { type: 'next' }
  | { type: 'confirm' }
  | { type: 'decline' }
  | { type: 'applied'; result: ApplyResult }
  | { type: 'apply-failed'; message: string }
  | { type: 'back' }
  | { type: 'interrupt' };

/** The state a run starts in: flags pre-fill answers and skip their steps. */
export function initialState(options: Options): WizardState {
  const given: Record<InputStep, boolean> = {
    kind: options.kindGiven,
    // AWS_PROFILE only preselects; the flag answers the question.
    profile: options.profile !== undefined && options.profileSource !== 'AWS_PROFILE',
    region: options.region !== undefined,
    table: options.table !== undefined,
    // Asked right after the table name, and skipped with it: a run that names its table by flag
    // (and so opens on the plan) gives its tags by flag too.
    tags: options.tags.length > 0 || options.table !== undefined,
  };
  const answers: Answers = { kind: options.kind, profile: options.profile, region: options.region, table: options.table, tags: options.tags };
  return { step: { name: firstInputAfter(-1, given) }, answers, given, tagDraft: '' };
}

/** The next step to ask after input index `index`, or the check when every answer is in. */
function firstInputAfter(index: number, given: Record<InputStep, boolean>): InputStep | 'check' {
  return INPUT_STEPS.slice(index + 1).find((s) => !given[s]) ?? 'check';
}

/** The last asked step before input index `index`, or undefined when there is none (first screen). */
function lastInputBefore(index: number, given: Record<InputStep, boolean>): InputStep | undefined {
  return [...INPUT_STEPS.slice(0, Math.max(index, 0))].reverse().find((s) => !given[s]);
}

/** Steps a run ends on, with their exit codes. */
export function exitCodeOf(step: Step): number | undefined {
  switch (step.name) {
    case 'done':
    case 'declined':
      return 0;
    case 'apply-failed':
      return 1;
    case 'interrupted':
      return 130;
    default:
      return undefined;
  }
}

function answer(state: WizardState, step: InputStep, answers: Partial<Answers>): WizardState {
  const index = INPUT_STEPS.indexOf(step);
  if (state.step.name !== step) return state;
  // A new answer invalidates any earlier check.
  return { ...state, answers: { ...state.answers, ...answers }, checked: undefined, step: { name: firstInputAfter(index, state.given) } };
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
  const { step, given } = state;
  const to = (name: InputStep | undefined): WizardState => (name ? { ...state, step: { name } } : state);
  switch (step.name) {
    case 'kind':
    case 'profile':
    case 'region':
    case 'table':
    case 'tags':
      return to(lastInputBefore(INPUT_STEPS.indexOf(step.name), given));
    case 'check':
    case 'check-failed':
    case 'plan':
      return to(lastInputBefore(INPUT_STEPS.length, given));
    case 'iam':
      return { ...state, step: { name: 'plan' } };
    case 'confirm':
      return { ...state, step: { name: 'iam' } };
    default:
      return state;
  }
}

/** Pure: the state after an event. Events that make no sense in the current step change nothing. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  const at = state.step.name;
  switch (event.type) {
    case 'kind':
      return answer(state, 'kind', { kind: event.kind, table: state.given.table ? state.answers.table : undefined });
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
      if (at === 'iam' && state.checked) {
        const { plan } = state.checked;
        // An up-to-date table has nothing to confirm: finish with "unchanged".
        if (plan.action === 'none') {
          const result: ApplyResult = { kind: plan.kind, table: plan.table, region: plan.region, status: 'unchanged', tableArn: plan.actual?.arn ?? '' };
          return { ...state, step: { name: 'done', result } };
        }
        return { ...state, step: { name: 'confirm' } };
      }
      return state;
    case 'confirm':
      return at === 'confirm' ? { ...state, step: { name: 'apply' } } : state;
    case 'decline':
      return at === 'confirm' ? { ...state, step: { name: 'declined' } } : state;
    case 'applied':
      return at === 'apply' ? { ...state, step: { name: 'done', result: event.result } } : state;
    case 'apply-failed':
      return at === 'apply' ? { ...state, step: { name: 'apply-failed', message: event.message } } : state;
    case 'back':
      return back(state);
    case 'interrupt':
      if (exitCodeOf(state.step) !== undefined) return state;
      return { ...state, step: { name: 'interrupted', during: at === 'apply' ? 'apply' : 'setup' } };
  }
}
