/** Reading and making tables on DynamoDB Local directly, as a given access key (its own database there). */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';

async function withClient<T>(endpoint: string, accessKeyId: string, region: string, use: (client: DynamoDBClient) => Promise<T>): Promise<T> {
  const client = new DynamoDBClient({ region, endpoint, credentials: { accessKeyId, secretAccessKey: 'secret' } });
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

/** The table as DynamoDB describes it, or undefined when it does not exist. */
export function tableAt(endpoint: string, accessKeyId: string, region: string, table: string): Promise<TableDescription | undefined> {
  return withClient(endpoint, accessKeyId, region, (client) =>
    client.send(new DescribeTableCommand({ TableName: table })).then(
      (out) => out.Table,
      (error: Error) => (error.name === 'ResourceNotFoundException' ? undefined : Promise.reject(error)),
    ),
  );
}

/** A table with only the `id` key, as an old tool (or a hand-written create-table) left it. */
export async function createBareTable(endpoint: string, accessKeyId: string, region: string, table: string): Promise<void> {
  await withClient(endpoint, accessKeyId, region, (client) =>
    client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    ),
  );
}
