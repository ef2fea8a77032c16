/** Lambda: the one call `doctor` makes, reading a deployed function's configuration. */
export { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
