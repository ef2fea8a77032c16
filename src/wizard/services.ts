/**
 * What the wizard needs from the rest of the program, as one interface passed into <App>.
 * Screen tests hand in small fakes; run.tsx wires the real modules (real-services.ts).
 */
import type { Identity, MfaCodeProvider, ProfileInfo } from '../aws/types.js';
import type { ApplyResult, Plan, ProgressEvent } from '../engine/types.js';
import type { RegionInfo } from '../aws/regions.js';
import type { KindName } from '../core/kinds.js';
import type { PolicyRequest } from '../policy/iam.js';
import type { Options } from '../service/options.js';

/** The outcome of the check step: who you are, the live plan, and whatever apply needs later. */
export interface Checked {
  identity?: Identity;
  plan: Plan;
  /** True when the credentials asked for an MFA code (the headless command then needs --mfa-code). */
  mfaAsked?: boolean;
  /** Opaque to the screens: the real services keep the connection here for apply. */
  connection?: unknown;
  /** --timeout, for apply. */
  timeoutMs?: number;
}

export interface WizardServices {
  loadProfiles(): Promise<ProfileInfo[]>;
  listRegions(): Promise<RegionInfo[]>;
  /** Resolve, connect and check (identity + live plan) for the answers in `options`. */
  check(options: Options, mfa: MfaCodeProvider, signal: AbortSignal): Promise<Checked>;
  /** Carry out a checked plan with progress. */
  apply(checked: Checked, onProgress: (event: ProgressEvent) => void, signal: AbortSignal): Promise<ApplyResult>;
  /** The IAM policy JSON (pretty-printed) for these answers. */
  policy(input: PolicyRequest): string;
  /** Writes the policy next to the person without overwriting anything; returns the path written. */
  savePolicy(kind: KindName, json: string): Promise<string>;
  /** An error sentence for a bad table name, or undefined. */
  validateTable(name: string): string | undefined;
  /** An error sentence for a bad region, or undefined. */
  validateRegion(region: string): string | undefined;
  /** One line for a person from any error (typed errors carry their hint). */
  describeError(error: unknown): string;
}
