export { createGraphqlServer, type GraphqlServer, type GraphqlServerDeps } from './create-graphql-server';
export { pipelineSources, type PipelineSources } from './pipeline/pipeline-status';
export { recordGraphqlUrl } from './endpoints-file';
