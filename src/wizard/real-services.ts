/**
 * The wizard's services on the real modules. The workflow and the AWS SDK are imported lazily, on
 * the first call, so the wizard draws its first frame before the SDK loads.
 */
import { listRegions } from '../aws/regions.js';
import { describeError } from '../core/errors.js';
import { safeText } from '../core/text.js';
import { policyJson } from '../policy/iam.js';
import { validateRegion, validateTableName } from '../core/validate.js';
import type { Connection } from '../service/workflow.js';
import { savePolicyFile } from './save-policy.js';
import type { RunReport } from '../service/run-report.js';
import type { WizardServices } from './services.js';

/** Real services; `env` is what resolution reads (the process environment by default). */
export function realServices(env: NodeJS.ProcessEnv = process.env, report?: RunReport): WizardServices {
  return {
    loadProfiles: async () => (await import('../aws/profiles.js')).loadProfiles(),
    listRegions,
    async check(options, mfa, signal) {
      const workflow = await import('../service/workflow.js');
      // "Default credential chain" was chosen over AWS_PROFILE: do not let resolution bring it back.
      const resolveEnv = options.profile === undefined ? { ...env, AWS_PROFILE: undefined } : env;
      const ctx = await workflow.resolveContext(options, resolveEnv);
      let mfaAsked = false;
      const connection = await workflow.connect(ctx, (serial) => ((mfaAsked = true), mfa(serial)));
      const { identity, plan } = await workflow.check(ctx, connection, signal);
      return { identity, plan, connection, mfaAsked, timeoutMs: ctx.timeoutMs };
    },
    async apply(checked, onProgress, signal) {
      const workflow = await import('../service/workflow.js');
      report?.changing(checked.plan.table);
      const result = await workflow.applyPlan(checked.plan, checked.connection as Connection, { onProgress, signal, timeoutMs: checked.timeoutMs });
      report?.outcome(`Table ${result.table} was ${result.status}`);
      return result;
    },
    policy: (input) => policyJson(input),
    savePolicy: (kind, json) => savePolicyFile(kind, json),
    validateTable: validateTableName,
    validateRegion,
    // Shown on screen: no raw control character, no secret (the same rule as the headless writers).
    describeError: (error) => safeText(describeError(error).text),
  };
}
