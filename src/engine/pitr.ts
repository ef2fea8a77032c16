/**
 * Point-in-time recovery on (never off). CreateTable has no parameter for it, so it is a call of its
 * own once the table is ACTIVE. Right after a create, DynamoDB may still be setting up continuous
 * backups (ContinuousBackupsUnavailableException, "Backups are being enabled for the table") or not
 * yet know the table (TableNotFoundException, which the PITR calls use instead of
 * ResourceNotFoundException): both are waited out. The status is read back before the step ends.
 */
import { errorName } from '../aws/transport-errors.js';
import { AwsFailure } from '../core/errors.js';
import { isUnsupported, readPitr } from './describe.js';
import type { DesiredTable } from './types.js';
import { mutating, SETTLE_MS, tableActive, waitFor, type RunContext } from './wait.js';
import { states, waitForRead } from './wait-read.js';

/**
 * UpdateContinuousBackups' specification, sent only when PITR is wanted (--no-pitr sends nothing):
 * what apply sends and IaC export renders.
 */
export const PITR_ON = { PointInTimeRecoveryEnabled: true } as const;

const NOT_YET_AVAILABLE = 'CONTINUOUS BACKUPS NOT YET AVAILABLE';

/**
 * Turns PITR on and waits until it reads ENABLED; 'unsupported' when the endpoint lacks it (DynamoDB
 * Local). A table this run just created has it off (CreateTable has no parameter for it): the call
 * goes first, with no read before it.
 */
export async function enablePitr(ctx: RunContext, desired: DesiredTable, id: string, justCreated = false): Promise<'enabled' | 'unsupported'> {
  await waitFor(ctx, id, tableActive(desired.name));
  const name = desired.name;
  let sent = false;
  let asked = false;
  const request = async (): Promise<string> => {
    try {
      const input = { TableName: name, PointInTimeRecoverySpecification: PITR_ON };
      await mutating(ctx, 'UpdateContinuousBackups', () => ctx.dynamo.updateContinuousBackups(input, ctx.signal));
      sent = true;
      // Read back on the next poll: an accepted call is not proof that PITR is on.
      return 'DISABLED';
    } catch (error) {
      if (errorName(error) === 'ContinuousBackupsUnavailableException') return NOT_YET_AVAILABLE;
      if (errorName(error) === 'TableNotFoundException') return 'TABLE NOT FOUND';
      if (isUnsupported(error)) {
        ctx.fresh.pitr = { status: undefined };
        return 'UNSUPPORTED';
      }
      throw error;
    }
  };
  const { state } = await waitForRead(ctx, id, {
    what: `point-in-time recovery on ${name} to read ENABLED`,
    // ENABLING is not in the API's enum, but Terraform's provider waits through it (wait.go), and so do we.
    pending: states('ENABLING', NOT_YET_AVAILABLE),
    target: states('ENABLED', 'UNSUPPORTED'),
    settling: {
      states: states('DISABLED', 'TABLE NOT FOUND'),
      ms: SETTLE_MS,
      error: () =>
        sent
          ? new AwsFailure(`DynamoDB accepted UpdateContinuousBackups on ${name}, but point-in-time recovery still reads DISABLED after ${SETTLE_MS / 1000} s.`, 'Run again to turn it on.')
          : new AwsFailure(`Table ${name} is ACTIVE, but DescribeContinuousBackups has not known it for ${SETTLE_MS / 1000} s.`, 'Run again to turn point-in-time recovery on.'),
    },
    read: async () => {
      if (justCreated && !sent && !asked) {
        asked = true;
        return request();
      }
      ctx.operation = 'DescribeContinuousBackups';
      const status = await readPitr(ctx.dynamo, name, ctx.signal);
      if (status !== 'NOT FOUND') ctx.fresh.pitr = { status };
      if (status === undefined) return 'UNSUPPORTED';
      if (status === 'NOT FOUND') return 'TABLE NOT FOUND';
      return status === 'DISABLED' && !sent ? request() : status;
    },
  });
  return state === 'UNSUPPORTED' ? 'unsupported' : 'enabled';
}
