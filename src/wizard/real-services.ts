/**
 * The wizard's services on the real modules. The workflow and the AWS SDK are imported lazily, on
 * the first call, so the wizard draws its first frame before the SDK loads.
 */
import { closestRegion, describeRegion, listRegions } from '../aws/regions.js';
import { describeError } from '../core/errors.js';
import { oneLine, safeText } from '../core/text.js';
import { validateRegion, validateTableName } from '../core/validate.js';
import { policyJson } from '../policy/iam.js';
import type { Options } from '../service/options.js';
import { regionDefault } from '../service/region.js';
import type { RunReport } from '../service/run-report.js';
import type { TableState } from '../service/table-states.js';
import type { Connection } from '../service/workflow.js';
import { savePolicyFiles } from './save-policy.js';
import type { WizardServices } from './services.js';

/** Real services; `env` is what resolution reads (the process environment by default). */
export function realServices(options: Options, env: NodeJS.ProcessEnv = process.env, report?: RunReport): WizardServices {
  return {
    loadProfiles: async () => (await import('../aws/profiles.js')).loadProfiles(),
    listRegions,
    async preselectRegion(flag, profile) {
      const { readSharedConfig } = await import('../aws/profiles.js');
      const own = await readSharedConfig().then(
        (c) => c.profiles[profile ?? 'default']?.region,
        () => undefined,
      );
      return regionDefault(flag, env, { name: profile ?? 'default', region: own })?.region;
    },
    async typedRegion(region) {
      const format = validateRegion(region);
      if (format) return format;
      if (options.allowUnknownRegion || (await describeRegion(region))) return undefined;
      const guess = closestRegion(region, await listRegions());
      return `Region "${region}" is not one this tool's AWS SDK knows.${guess ? ` Did you mean ${guess}?` : ''} For a newer region, run with --allow-unknown-region.`;
    },
    async check(answers, kinds, mfa, signal) {
      const workflow = await import('../service/workflow.js');
      // "Default credential chain" was chosen over AWS_PROFILE: do not let resolution bring it back.
      const resolveEnv = answers.profile === undefined ? { ...env, AWS_PROFILE: undefined } : env;
      const ctxs = [];
      // Several kinds (`all`) each use their default table.
      for (const kind of kinds) ctxs.push(await workflow.resolveContext({ ...answers, kind, table: kinds.length > 1 ? undefined : answers.table }, resolveEnv));
      const [first] = ctxs;
      if (!first) throw new Error('no table to check');
      let mfaAsked = false;
      const connection = await workflow.connect(first, (serial) => ((mfaAsked = true), mfa(serial)));
      const { identity, plans } = await workflow.checkTables(ctxs, connection, signal);
      return { identity, plans, connection, mfaAsked, timeoutMs: first.timeoutMs, endpointUrl: first.endpointUrl };
    },
    async apply(checked, onProgress, signal, onTables) {
      const workflow = await import('../service/workflow.js');
      const tell = (states: readonly TableState[]) => (report?.tables(states), onTables?.(states));
      const results = await workflow.applyPlans(checked.plans, checked.connection as Connection, { onProgress, onTables: tell, signal, timeoutMs: checked.timeoutMs });
      report?.outcome(results.map((r) => `Table ${r.table} was ${r.status}`).join('; '));
      return results;
    },
    async verify(checked, onResult, signal, onLeaving) {
      const { runVerify } = await import('../service/verify.js');
      const reports = [];
      const { target } = checked.connection as Connection;
      for (const p of checked.plans) {
        // The run's whole target: a hint it ends with ("Create it first: …") must go where this went.
        const ctx = { kind: p.kind, table: p.table, region: p.region, deletionProtection: p.desired.deletionProtection, profile: target.profile, endpointUrl: target.endpointUrl, local: options.local, mfa: checked.mfaAsked, allowUnknownRegion: options.allowUnknownRegion };
        const leaving = (sentence: string | undefined) => (onLeaving?.(sentence), report?.leaving?.(sentence));
        reports.push(await runVerify(ctx, checked.connection as Connection, { signal, onResult: (r) => onResult(p.table, r), onLeaving: leaving }));
      }
      return reports;
    },
    policies(checked, accountId) {
      const requests = checked.plans.map((p) => ({
        kind: p.kind,
        table: p.table,
        region: p.region,
        accountId: checked.identity?.account ?? accountId,
        partition: checked.identity?.partition,
        pitr: p.desired.pitr,
        kmsKeyArn: p.desired.kmsKey?.arn,
      }));
      return { provisioning: policyJson(requests, 'provisioning'), runtime: policyJson(requests, 'runtime') };
    },
    savePolicies: (name, texts) => savePolicyFiles(name, texts),
    async saveCode(format, checked, { command, converge, profile }) {
      const iac = await import('../iac/index.js');
      const tables = checked.plans.map((p) => iac.iacTableFromPlan(p, checked.identity));
      const kinds = checked.plans.map((p) => p.kind);
      const header = { version: __VERSION__, command };
      if (format === 'terraform') {
        const path = await iac.saveIacFile('terraform', kinds, iac.renderTerraform(tables, header));
        return { format, paths: [path], hint: iac.importHint('terraform', tables) };
      }
      const existing = tables.filter((t) => t.exists);
      // An import adopts tables as they are and may add nothing else: its own template, with only them.
      // One save: the template and its import file are written both or neither.
      const [templateFile, importFile] = await iac.saveIacFiles(
        [
          { format: 'cloudformation', text: iac.renderCloudFormation(tables, header) },
          ...(existing.length > 0 ? [{ format: 'cloudformation-import' as const, text: iac.renderCloudFormation(existing, { ...header, importOnly: true }) }] : []),
        ],
        kinds,
      );
      if (templateFile === undefined) throw new Error('saveIacFiles returned no path');
      return { format, paths: importFile ? [templateFile, importFile] : [templateFile], hint: iac.importHint('cloudformation', tables, { templateFile, importFile, converge, profile }) };
    },
    validateTable: validateTableName,
    // Shown on screen: no raw control character, no secret (the same rule as the headless writers).
    describeError: (error) => safeText(oneLine(describeError(error).text)),
  };
}
