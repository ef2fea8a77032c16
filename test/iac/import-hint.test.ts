// What the person is told to run for tables that exist: the wizard and headless --output both show these lines.
import { describe, expect, it } from 'vitest';
import { desiredTable } from '../../src/engine/desired.js';
import { iacTable, iacTableFromPlan, importHint } from '../../src/iac/index.js';
import { fakePlan } from '../wizard/fixtures.js';

const WHERE = { region: 'us-gov-west-1' };
const sessions = iacTable(desiredTable('sessions', 'prod-sessions', true), WHERE, true);
const approvals = iacTable(desiredTable('approvals', 'prod-requests', true), WHERE, false);
const ratelimit = iacTable(desiredTable('ratelimit', 'prod-ratelimit', true), WHERE, true);

describe('importHint', () => {
  it('says nothing when no table exists', () => {
    expect(importHint('terraform', [approvals])).toEqual([]);
    expect(importHint('cloudformation', [approvals])).toEqual([]);
  });

  it('CloudFormation: one change set imports every existing table and only those, then deploy adds the rest', () => {
    const hint = importHint('cloudformation', [sessions, approvals, ratelimit], { before: ['sentinel-init …'], profile: 'gov admin' });
    expect(hint[0]).toMatch(/^Tables prod-sessions, prod-ratelimit exist in us-gov-west-1\. /);
    expect(hint[1]).toBe('  sentinel-init …');
    expect(hint[2]).toBe(
      `  aws cloudformation create-change-set --stack-name sentinel-tables --change-set-name import-sentinel-tables --change-set-type IMPORT --template-body file://sentinel-tables-import.cfn.yaml --resources-to-import '[{"ResourceType":"AWS::DynamoDB::Table","LogicalResourceId":"SessionTable","ResourceIdentifier":{"TableName":"prod-sessions"}},{"ResourceType":"AWS::DynamoDB::Table","LogicalResourceId":"RateLimitTable","ResourceIdentifier":{"TableName":"prod-ratelimit"}}]' --region us-gov-west-1 --profile 'gov admin'`,
    );
    expect(hint.at(-1)).toBe("  aws cloudformation deploy --stack-name sentinel-tables --template-file sentinel-tables.cfn.yaml --capabilities CAPABILITY_IAM --region us-gov-west-1 --profile 'gov admin'");
  });

  it('CloudFormation: a table the plan still changes is converged first, with the given command (an import adopts it as it is)', () => {
    const converge = 'sentinel-init sessions --aws-profile dev --region eu-west-1 --table t --yes';
    const behind = importHint('cloudformation', [iacTableFromPlan(fakePlan('update', { table: 't' }))], { converge, before: ['sentinel-init … --output-file f'] });
    expect(behind.slice(1, 3)).toEqual([`  ${converge}    # first: an import adopts the table as it is`, '  sentinel-init … --output-file f']);
    expect(behind[3]).toMatch(/^ {2}aws cloudformation create-change-set /);
    // Up to date: nothing to converge, the import comes first.
    const current = importHint('cloudformation', [iacTableFromPlan(fakePlan('none', { table: 't' }))], { converge });
    expect(current[1]).toMatch(/^ {2}aws cloudformation create-change-set /);
    expect(current.join('\n')).not.toContain(converge);
  });

  it('Terraform: the import block adopts it; plan first, since Terraform removes what the code does not list', () => {
    expect(importHint('terraform', [sessions])).toEqual([
      'Table prod-sessions exists in us-gov-west-1: the import block has Terraform adopt it instead of creating another.',
      'Read terraform plan before apply: Terraform also removes what the code does not list, such as other indexes or tags.',
    ]);
  });
});
