/**
 * Typed clients in one command: `npm run codegen` prints schema.graphql from the code, then writes
 * TypeScript types and TypedDocumentNodes for every operation in docs/queries/ (Apollo Client, urql
 * and graphql-request all take them). A unit test (test/unit/client/codegen.test.ts) fails when the
 * committed output is stale, and tsc checks it with the rest of the repo.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** On the wire BigInt and DateTime are strings (64-bit safe, ISO-8601): say so instead of `unknown`. */
export const SCALARS = {
  BigInt: { input: 'string | number', output: 'string' },
  DateTime: { input: 'string', output: 'string' },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: 'docs/queries/*.graphql',
  generates: {
    'client/generated/operations.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: SCALARS,
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
      },
    },
  },
};

export default config;
