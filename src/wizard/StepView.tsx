/** Picks the screen for the current step and wires its callbacks to wizard events. */
import type { Dispatch } from 'react';
import { useCallback } from 'react';
import { KINDS } from '../core/kinds.js';
import { toolTags } from '../core/tags.js';
import type { Options } from '../service/options.js';
import { wiringFor } from '../service/wiring.js';
import { ApplyScreen } from '../screens/ApplyScreen.js';
import { CheckFailedScreen } from '../screens/CheckFailedScreen.js';
import { CheckScreen } from '../screens/CheckScreen.js';
import { ConfirmScreen } from '../screens/ConfirmScreen.js';
import { DoneScreen } from '../screens/DoneScreen.js';
import { EndScreen } from '../screens/EndScreen.js';
import { IamScreen } from '../screens/IamScreen.js';
import { KindScreen } from '../screens/KindScreen.js';
import { PlanScreen } from '../screens/PlanScreen.js';
import { ProfileScreen } from '../screens/ProfileScreen.js';
import type { ProgressRow } from '../screens/progress-model.js';
import { RegionScreen } from '../screens/RegionScreen.js';
import { TableScreen } from '../screens/TableScreen.js';
import { TagsScreen } from '../screens/TagsScreen.js';
import type { MfaCodeProvider } from '../aws/types.js';
import type { WizardServices } from './services.js';
import { transition, type WizardEvent, type WizardState } from './steps.js';

export interface StepViewProps {
  state: WizardState;
  dispatch: Dispatch<WizardEvent>;
  options: Options;
  services: WizardServices;
  env: NodeJS.ProcessEnv;
  files: string;
  rows: readonly ProgressRow[];
  height: number;
}

/** The body of the wizard for one step. */
export function StepView({ state, dispatch, options, services, env, files, rows, height }: StepViewProps) {
  const { step, answers, checked } = state;
  // Esc is offered only where it leads somewhere (not on the first screen).
  const back = transition(state, { type: 'back' }) !== state ? () => dispatch({ type: 'back' }) : undefined;
  const listRows = Math.max(Math.min(8, height - 6), 3);
  const table = answers.table ?? KINDS[answers.kind].defaultTable;

  const preselectRegion = useCallback(async () => {
    if (answers.region) return answers.region;
    const profiles = await services.loadProfiles().catch(() => []);
    const own = profiles.find((p) => p.name === (answers.profile ?? 'default'))?.region;
    return own ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined);
  }, [answers.region, answers.profile, services, env]);

  const runCheck = useCallback(
    (mfa: MfaCodeProvider, signal: AbortSignal) =>
      services.check({ ...options, kind: answers.kind, profile: answers.profile, profileSource: answers.profile ? '--aws-profile' : undefined, region: answers.region, table, tags: answers.tags }, mfa, signal),
    [services, options, answers.kind, answers.profile, answers.region, table, answers.tags],
  );

  switch (step.name) {
    case 'kind':
      return <KindScreen initial={answers.kind} onSelect={(kind) => dispatch({ type: 'kind', kind })} />;
    case 'profile':
      return (
        <ProfileScreen
          load={services.loadProfiles}
          preselect={answers.profile ?? (env.AWS_PROFILE || undefined)}
          files={files}
          rows={listRows}
          onSelect={(profile) => dispatch({ type: 'profile', profile })}
          onBack={back}
        />
      );
    case 'region':
      return <RegionScreen load={services.listRegions} preselect={preselectRegion} validate={services.validateRegion} rows={listRows} onSelect={(region) => dispatch({ type: 'region', region })} onBack={back} />;
    case 'table':
      return <TableScreen initial={table} validate={services.validateTable} onSubmit={(t) => dispatch({ type: 'table', table: t })} onBack={back} />;
    case 'tags':
      return (
        <TagsScreen
          tool={toolTags(answers.kind)}
          user={answers.tags}
          draft={state.tagDraft}
          error={state.tagError}
          onDraft={(text) => dispatch({ type: 'tag-draft', text })}
          onEnter={(text) => dispatch({ type: 'tag-enter', text })}
          onBack={back}
        />
      );
    case 'check':
      return (
        <CheckScreen
          what={`${answers.profile ? `profile ${answers.profile}` : 'default credentials'}, table ${table} in ${answers.region}`}
          run={runCheck}
          describeError={services.describeError}
          onChecked={(c) => dispatch({ type: 'checked', checked: c })}
          onFailed={(message) => dispatch({ type: 'check-failed', message })}
          onBack={back}
        />
      );
    case 'check-failed':
      return <CheckFailedScreen message={step.message} onBack={() => dispatch({ type: 'back' })} />;
    case 'plan':
      return checked ? <PlanScreen plan={checked.plan} identity={checked.identity} endpointUrl={options.endpointUrl} height={height} onNext={() => dispatch({ type: 'next' })} onBack={back} /> : null;
    case 'iam': {
      if (!checked) return null;
      const account = checked.identity?.account ?? options.accountId;
      const kmsKeyArn = checked.plan.desired.kmsKey?.arn;
      const json = services.policy({ kind: answers.kind, table, region: answers.region ?? '*', accountId: account, partition: checked.identity?.partition, pitr: options.pitr, kmsKeyArn });
      const accountNote = checked.identity
        ? `ARNs name account ${checked.identity.account} (from STS).`
        : account
          ? `ARNs name account ${account} (--account-id).`
          : 'Account unknown (no STS call): the ARNs use *. Pass --account-id to pin it.';
      return (
        <IamScreen
          json={json}
          accountNote={accountNote}
          nextLabel={checked.plan.action === 'none' ? 'finish' : 'continue'}
          height={height}
          save={() => services.savePolicy(answers.kind, json)}
          onNext={() => dispatch({ type: 'next' })}
          onBack={back}
        />
      );
    }
    case 'confirm': {
      const p = checked?.plan;
      const question =
        p?.action === 'update'
          ? `Apply ${p.changes.length} change${p.changes.length === 1 ? '' : 's'} to table ${table} in ${answers.region}?`
          : `Create table ${table} in ${answers.region}${checked?.identity ? ` (account ${checked.identity.account})` : ''}?`;
      return <ConfirmScreen question={question} onYes={() => dispatch({ type: 'confirm' })} onNo={() => dispatch({ type: 'decline' })} onBack={() => dispatch({ type: 'back' })} />;
    }
    case 'apply':
      return <ApplyScreen rows={rows} title={checked?.plan.action === 'update' ? `Updating ${table}` : `Creating ${table}`} />;
    case 'done':
      return <DoneScreen result={step.result} wiring={wiringFor(answers.kind, step.result.table)} rows={rows} local={options.local} />;
    case 'declined':
      return <EndScreen ending={{ kind: 'declined' }} rows={rows} table={table} />;
    case 'interrupted':
      return <EndScreen ending={{ kind: 'interrupted', during: step.during }} rows={rows} table={table} action={checked?.plan.action} />;
    case 'apply-failed':
      return <EndScreen ending={{ kind: 'apply-failed', message: step.message }} rows={rows} table={table} action={checked?.plan.action} />;
  }
}
