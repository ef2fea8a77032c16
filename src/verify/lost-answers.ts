/**
 * A write whose answer was lost after DynamoDB applied it is retried by the SDK, and the retry meets
 * the write's own effect: a create's attribute_not_exists, an update's updated_at lock, or the
 * limiter's Count one higher. Judged by reading the table again, not as a failure of the table.
 */
import type { PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ItemApi } from '../aws/types.js';
import type { Item } from '../sentinel/source.js';

/** How many attempts the SDK made for a call (its answer or its error); 1 when it does not say. */
export function attemptsOf(outputOrError: unknown): number {
  return (outputOrError as { $metadata?: { attempts?: number } })?.$metadata?.attempts ?? 1;
}

/** The same attributes with the same values, whatever their order. */
export function sameItem(a: Item | undefined, b: Item): boolean {
  if (!a) return false;
  const norm = (item: Item) => JSON.stringify(Object.keys(item).sort().map((k) => [k, item[k]]));
  return norm(a) === norm(b);
}

/**
 * A store's PutItem (Create or Update, both conditional on the item as it was). When the condition
 * fails, the item is read again (a consistent read): if it is exactly the item sent, this write
 * landed and only its answer was lost, so the call worked. Anything else is the condition's error.
 */
export async function putItem(api: ItemApi, input: PutItemCommandInput & { Item: Item }, signal?: AbortSignal): Promise<void> {
  try {
    await api.putItem(input, signal);
  } catch (error) {
    if ((error as Error)?.name !== 'ConditionalCheckFailedException') throw error;
    const now = await api.getItem({ TableName: input.TableName, Key: { id: input.Item.id as Item[string] }, ConsistentRead: true }, signal);
    if (!sameItem(now.Item, input.Item)) throw error;
  }
}
