/**
 * The DynamoApi port on the real SDK client. The SDK is imported here, lazily, when a connection is
 * made; nothing else in the engine loads it. Every call is bounded in time (src/aws/http.ts).
 */
import { clientTiming, withinBudget } from './http.js';
import type { AwsTarget, DynamoApi, ItemApi } from './types.js';

/** Builds the DynamoDB client for one run; nothing is called until the engine calls. */
export async function createDynamoApi(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): Promise<DynamoApi & ItemApi> {
  const sdk = await import('./sdk/dynamodb.js');
  const { limits, config } = await clientTiming(env);
  const client = new sdk.DynamoDBClient({
    region: target.region,
    credentials: target.credentials,
    ...config,
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
  });
  // One SDK call, within its time budget, stopped by `signal` (Ctrl-C) too.
  const within = <T>(signal: AbortSignal | undefined, call: (abortSignal: AbortSignal) => Promise<T>) => withinBudget(limits, signal, call);
  return {
    createTable: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.CreateTableCommand(input), { abortSignal })),
    describeTable: (tableName, signal) => within(signal, (abortSignal) => client.send(new sdk.DescribeTableCommand({ TableName: tableName }), { abortSignal })),
    updateTable: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.UpdateTableCommand(input), { abortSignal })),
    describeTimeToLive: (tableName, signal) => within(signal, (abortSignal) => client.send(new sdk.DescribeTimeToLiveCommand({ TableName: tableName }), { abortSignal })),
    updateTimeToLive: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.UpdateTimeToLiveCommand(input), { abortSignal })),
    describeContinuousBackups: (tableName, signal) => within(signal, (abortSignal) => client.send(new sdk.DescribeContinuousBackupsCommand({ TableName: tableName }), { abortSignal })),
    updateContinuousBackups: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.UpdateContinuousBackupsCommand(input), { abortSignal })),
    listTagsOfResource: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.ListTagsOfResourceCommand(input), { abortSignal })),
    tagResource: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.TagResourceCommand(input), { abortSignal })),
    putItem: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.PutItemCommand(input), { abortSignal })),
    getItem: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.GetItemCommand(input), { abortSignal })),
    updateItem: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.UpdateItemCommand(input), { abortSignal })),
    deleteItem: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.DeleteItemCommand(input), { abortSignal })),
    query: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.QueryCommand(input), { abortSignal })),
    scan: (input, signal) => within(signal, (abortSignal) => client.send(new sdk.ScanCommand(input), { abortSignal })),
  };
}
