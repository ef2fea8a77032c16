// The wizard in an 80-column terminal: nothing that names what will be made is cut, and the demo
// asks only what changes its result.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import type { Options } from '../../src/service/options.js';
import { fakeServices, options } from '../wizard/fixtures.js';
import { KEY, press, waitForText } from './helpers.js';

afterEach(cleanup);

const start = (opts: Options) => {
  const { services } = fakeServices();
  return render(<App options={opts} services={services} onExit={() => {}} env={{}} size={{ columns: 80, rows: 24 }} />);
};

/** The banner and breadcrumb lines that are wider than the terminal or end cut (`…`). */
const cutHeader = (frame: string) => frame.split('\n').slice(0, 2).filter((l) => l.length > 80 || l.trimEnd().endsWith('…'));

describe('at 80 columns', () => {
  it('the kind list shows every table name whole, and the first screen names Ctrl-C', async () => {
    const r = start(options());
    const frame = await waitForText(r, 'Which table?');
    for (const table of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit']) expect(frame).toContain(`table ${table}`);
    expect(frame).toContain('Ctrl-C quit');
    expect(frame).not.toContain('table…');
  });

  it('the header keeps the table name whole on the longest step title, shortening the rest', async () => {
    const r = start(options({ kindGiven: true, kind: 'breakglass', profile: 'dev', profileSource: '--aws-profile', region: 'eu-west-1', table: 'sentinel-breakglass' }));
    await waitForText(r, 'Plan: create');
    const iam = await press(r, KEY.enter, 'IAM policies for this table');
    const header = iam.split('\n').find((l) => l.includes('sentinel-init')) ?? '';
    expect(header).toContain('breakglass › dev › eu-west-1 › sentinel-breakglass');
    expect(header.length).toBeLessThanOrEqual(80);
  });

  it('the demo asks the kind and the table name only, names its region, and says no flag it cannot take', async () => {
    const r = start(options({ local: true, endpointUrl: 'http://127.0.0.1:4567', profile: 'sentinel-demo', profileSource: 'AWS_PROFILE', region: 'us-east-1' }));
    const kind = await waitForText(r, 'Which table?');
    expect(kind).toContain('region us-east-1');
    expect(cutHeader(kind), kind).toEqual([]);
    expect(kind.split('\n')[0]?.trimEnd()).toBe(' LOCAL DEMO: DynamoDB Local at 127.0.0.1:4567, region us-east-1, not AWS');
    const table = await press(r, KEY.enter, 'Table name?');
    expect(table).not.toContain('Which AWS profile?');
    const plan = await press(r, KEY.enter, 'Plan: create');
    expect(plan).not.toContain('Tags?');
    expect(plan.split('\n').find((l) => l.includes('sentinel-init'))).toContain('sentinel-sessions');
    // The end of the plan: the cost note and the pricing page, folded to the width, never cut.
    const end = await press(r, KEY.end, 'Prices:');
    expect(end.replace(/\s+/g, ' ')).toContain('Cost: on-demand requests are billed per request; storage and point-in-time recovery per GB-month. Prices: https://aws.amazon.com/dynamodb/pricing/');
    const iam = await press(r, KEY.enter, 'IAM policies for this table');
    expect(iam).not.toContain('--account-id');
  });
});
