/**
 * Picks the screen for the current step and wires its callbacks to wizard events. It only draws:
 * what each screen shows comes from src/wizard/view-model.ts, what happens from the reducer.
 */
import type { Dispatch } from 'react';
import { useCallback } from 'react';
import type { Options } from '../service/options.js';
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
import type { CodeFormat, WizardServices } from './services.js';
import { transition, type WizardEvent, type WizardState } from './steps.js';
import { accountNote, applyTitle, checkOptions, checkWhat, codeCommand, commandFor, confirmQuestion, toolTagsShown, kinds, lookalikes, lookalikeText, policyName, policySections, regionPreselect, savedPoliciesText, tableName } from './view-model.js';

export interface StepViewProps {
  state: WizardState;
  dispatch: Dispatch<WizardEvent>;
  options: Options;
  services: WizardServices;
  env: NodeJS.ProcessEnv;
  files: string;
  rows: readonly ProgressRow[];
  /** Lines of the verify run on the done screen, as they come. */
  verifyLines: readonly string[];
  height: number;
  width: number;
}

/** The body of the wizard for one step. */
export function StepView({ state, dispatch, options, services, env, files, rows, verifyLines, height, width }: StepViewProps) {
  const { step, answers, checked } = state;
  // Esc is offered only where it leads somewhere (not on the first screen).
  const back = transition(state, { type: 'back' }) !== state ? () => dispatch({ type: 'back' }) : undefined;
  const listRows = Math.max(Math.min(8, height - 6), 3);

  const preselectRegion = useCallback(() => regionPreselect(services, answers), [services, answers]);
  const runCheck = useCallback(
    (mfa: MfaCodeProvider, signal: AbortSignal) => services.check(checkOptions(options, answers), kinds(answers), mfa, signal),
    [services, options, answers],
  );

  // `t`/`c` on the plan, confirm and done screens: the code next to the policy, remembered for the transcript.
  const saveCode = checked
    ? (format: CodeFormat) =>
        services.saveCode(format, checked, { command: codeCommand(state, options, format), converge: commandFor(state, options), profile: options.local ? undefined : answers.profile }).then((saved) => {
          dispatch({ type: 'code-saved', saved });
          return saved.paths.join(' and ');
        })
    : undefined;

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
      return <RegionScreen load={services.listRegions} preselect={preselectRegion} typed={services.typedRegion} rows={listRows} onSelect={(region) => dispatch({ type: 'region', region })} onBack={back} />;
    case 'table':
      return <TableScreen initial={tableName(answers)} validate={services.validateTable} onSubmit={(t) => dispatch({ type: 'table', table: t })} onBack={back} />;
    case 'tags':
      return (
        <TagsScreen
          tool={toolTagsShown(answers)}
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
          what={checkWhat(answers)}
          run={runCheck}
          describeError={services.describeError}
          onChecked={(c) => dispatch({ type: 'checked', checked: c })}
          onFailed={(message) => dispatch({ type: 'check-failed', message })}
          onBack={back}
        />
      );
    case 'check-failed':
      return <CheckFailedScreen message={step.message} width={width} onBack={() => dispatch({ type: 'back' })} />;
    case 'plan':
      return checked ? <PlanScreen plans={checked.plans} identity={checked.identity} endpointUrl={options.endpointUrl} height={height} width={width} saveCode={saveCode} onNext={() => dispatch({ type: 'next' })} onBack={back} /> : null;
    case 'iam': {
      if (!checked) return null;
      const texts = services.policies(checked, options.accountId);
      return (
        <IamScreen
          sections={policySections(texts)}
          title={`IAM policies for ${checked.plans.length > 1 ? 'these tables' : 'this table'}`}
          accountNote={accountNote(checked, options)}
          nextLabel={checked.plans.every((p) => p.action === 'none') ? 'finish' : 'continue'}
          height={height}
          width={width}
          saved={state.policySaved && savedPoliciesText(state.policySaved)}
          save={() => services.savePolicies(policyName(answers.kind), texts).then((paths) => (dispatch({ type: 'policy-saved', paths }), savedPoliciesText(paths)))}
          onNext={() => dispatch({ type: 'next' })}
          onBack={back}
        />
      );
    }
    case 'confirm': {
      if (!checked) return null;
      const odd = lookalikes(checked);
      return (
        <ConfirmScreen
          question={confirmQuestion(checked, answers.region)}
          warnings={odd.map(lookalikeText)}
          strict={odd.length > 0}
          codeOnly={saveCode && ((format) => saveCode(format).then((paths) => (dispatch({ type: 'code-only' }), paths)))}
          onYes={() => dispatch({ type: 'confirm' })}
          onNo={() => dispatch({ type: 'decline' })}
          onBack={() => dispatch({ type: 'back' })}
        />
      );
    }
    case 'apply':
      return <ApplyScreen rows={rows} title={checked ? applyTitle(checked) : ''} height={height} />;
    case 'done':
      return (
        <DoneScreen
          results={step.results}
          rows={rows}
          local={options.local}
          doctorTarget={{ profile: answers.profile, endpointUrl: checked?.endpointUrl ?? options.endpointUrl }}
          verify={state.verify}
          verifyLines={verifyLines}
          height={height}
          width={width}
          saveCode={saveCode}
          onVerify={() => dispatch({ type: 'verify-start' })}
          onStopVerify={() => dispatch({ type: 'verify-cancel' })}
          onFinish={() => dispatch({ type: 'finish' })}
        />
      );
    case 'declined':
    case 'code-only':
    case 'interrupted':
    case 'apply-failed':
      // The transcript printed after the last frame says what happened (src/wizard/transcript.ts).
      return <EndScreen />;
  }
}
