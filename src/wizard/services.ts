/**
 * What the wizard needs from the rest of the program, as one interface passed into <App>.
 * Screen tests hand in small fakes; run.tsx wires the real modules (real-services.ts).
 */
import type { Identity, MfaCodeProvider, ProfileInfo } from '../aws/types.js';
import type { ApplyResult, Plan, ProgressEvent } from '../engine/types.js';
import type { RegionInfo } from '../aws/regions.js';
import type { KindChoice, KindName } from '../core/kinds.js';
import type { PolicyAudience } from '../core/policy-audience.js';
import type { Options } from '../service/options.js';
import type { TableState } from '../service/table-states.js';
import type { CheckResult, VerifyReport } from '../verify/types.js';

export type { KindChoice };

/** Each IAM policy's pretty JSON, or the file it was saved to, by who gets it. */
export type PolicyTexts = Record<PolicyAudience, string>;
export type SavedPolicies = Record<PolicyAudience, string>;

/** The code the wizard saves with `t` and `c`. */
export type CodeFormat = 'terraform' | 'cloudformation';

/** What a save of the code wrote: its files (CloudFormation adds an import template for tables that exist) and how to import those. */
export interface SavedCode {
  format: CodeFormat;
  paths: string[];
  /** Steps to adopt existing tables instead of creating them (empty when every table is new). */
  hint: string[];
}

/** The outcome of the check step: who you are, the live plan of each table, and what apply needs later. */
export interface Checked {
  identity?: Identity;
  /** One per table, in the order they are applied. */
  plans: Plan[];
  /** True when the credentials asked for an MFA code (the headless command then needs --mfa-code). */
  mfaAsked?: boolean;
  /** Opaque to the screens: the real services keep the connection here for apply. */
  connection?: unknown;
  /** --timeout, for apply. */
  timeoutMs?: number;
  /** The DynamoDB endpoint the check went to (--endpoint-url or AWS_ENDPOINT_URL_DYNAMODB): the next-time command names it. */
  endpointUrl?: string;
}

export interface WizardServices {
  loadProfiles(): Promise<ProfileInfo[]>;
  listRegions(): Promise<RegionInfo[]>;
  /** The region to preselect, by the one rule (`first`: --region or the person's answer, then AWS_REGION, AWS_DEFAULT_REGION, the profile's). */
  preselectRegion(first: string | undefined, profile: string | undefined): Promise<string | undefined>;
  /** Why a typed region that matches no listed one is refused ("did you mean…"), or undefined to take it. */
  typedRegion(region: string): Promise<string | undefined>;
  /** Resolve, connect and check (identity + each table's live plan) for `kinds` with the answers in `options`. */
  check(options: Options, kinds: readonly KindName[], mfa: MfaCodeProvider, signal: AbortSignal): Promise<Checked>;
  /** Carry out the checked plans with progress, one table after another; `onTables`: each table's state after every change of it. */
  apply(checked: Checked, onProgress: (event: ProgressEvent) => void, signal: AbortSignal, onTables?: (states: readonly TableState[]) => void): Promise<ApplyResult[]>;
  /** Sentinel's access patterns on each table (src/verify), a line per pattern as it finishes. */
  verify(checked: Checked, onResult: (table: string, result: CheckResult) => void, signal: AbortSignal, onLeaving?: (sentence: string | undefined) => void): Promise<VerifyReport[]>;
  /** The provisioning and runtime policies' JSON (pretty-printed) for the checked tables. */
  policies(checked: Checked, accountId?: string): PolicyTexts;
  /** Writes each policy to its own file next to the person without overwriting anything; returns the paths written. */
  savePolicies(name: string, texts: PolicyTexts): Promise<SavedPolicies>;
  /**
   * Writes the checked tables and their policy as code next to the policy, never overwriting;
   * `command` is the headless line that prints the same code, `converge` the one that applies the
   * run's plan (the import steps start with it when an existing table still lacks settings),
   * `profile` the one the import steps use.
   */
  saveCode(format: CodeFormat, checked: Checked, how: { command: string; converge: string; profile?: string }): Promise<SavedCode>;
  /** An error sentence for a bad table name, or undefined. */
  validateTable(name: string): string | undefined;
  /** One line for a person from any error (typed errors carry their hint). */
  describeError(error: unknown): string;
}
