/**
 * The DynamoApi port on the real SDK client. The SDK is imported here, lazily, when a connection is
 * made; nothing else in the engine loads it.
 */
import type { AwsTarget, DynamoApi, ItemApi } from './types.js';

/**
 * Attempts per call (first try included). The SDK default of 3 gives up after two transient failures;
 * the engine must survive three in a row (throttling, 5xx, connection resets) on any call.
 */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** AWS_MAX_ATTEMPTS still wins when set to a usable number, as it does for every SDK client. */
export function maxAttemptsFrom(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number.parseInt(env.AWS_MAX_ATTEMPTS ?? '', 10);
  return Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : DEFAULT_MAX_ATTEMPTS;
}

/** Builds the DynamoDB client for one run; nothing is called until the engine calls. */
export async function createDynamoApi(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): Promise<DynamoApi & ItemApi> {
  const sdk = await import('@aws-sdk/client-dynamodb');
  const client = new sdk.DynamoDBClient({
    region: target.region,
    credentials: target.credentials,
    maxAttempts: maxAttemptsFrom(env),
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
  });
  const opts = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : undefined);
  return {
    createTable: (input, signal) => client.send(new sdk.CreateTableCommand(input), opts(signal)),
    describeTable: (tableName, signal) => client.send(new sdk.DescribeTableCommand({ TableName: tableName }), opts(signal)),
    updateTable: (input, signal) => client.send(new sdk.UpdateTableCommand(input), opts(signal)),
    describeTimeToLive: (tableName, signal) => client.send(new sdk.DescribeTimeToLiveCommand({ TableName: tableName }), opts(signal)),
    updateTimeToLive: (input, signal) => client.send(new sdk.UpdateTimeToLiveCommand(input), opts(signal)),
    putItem: (input, signal) => client.send(new sdk.PutItemCommand(input), opts(signal)),
    getItem: (input, signal) => client.send(new sdk.GetItemCommand(input), opts(signal)),
    updateItem: (input, signal) => client.send(new sdk.UpdateItemCommand(input), opts(signal)),
    deleteItem: (input, signal) => client.send(new sdk.DeleteItemCommand(input), opts(signal)),
    query: (input, signal) => client.send(new sdk.QueryCommand(input), opts(signal)),
    scan: (input, signal) => client.send(new sdk.ScanCommand(input), opts(signal)),
  };
}
