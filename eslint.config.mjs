import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

// One graphql-config for both blocks below: the plugin loads it once per run.
const GRAPHQL_CONFIG = { schema: 'schema.graphql', documents: 'docs/queries/*.graphql' };

export default tseslint.config(
  { ignores: ['dist/', '.stack/', 'node_modules/', 'coverage/', 'client/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Config is parsed once (src/config); everything else receives it as a dependency.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config only.' },
      ],
    },
  },
  {
    // The runtime (what the image ships: processors, API, CLI) must not depend on the local stack or
    // other dev tooling; only the demo entry (npm start) brings the stack up.
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tools/**', '**/bench/**', '**/chaos/**', '**/harness/**', '**/test/**'],
              message: 'Runtime code (src/) must not import dev tooling: the local stack lives in tools/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config/**/*.ts', 'jest.config.js', 'eslint.config.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The API's SDL, printed from the code (npm run schema:print): Relay shapes, and a description on
    // every type, field, argument and enum value, for the frontend teams who read it in their tools.
    files: ['schema.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: GRAPHQL_CONFIG },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Lists of plain values are fine; Relay asks edges for a node, not for that node to be a Node.
      '@graphql-eslint/relay-edge-types': [
        'error',
        { listTypeCanWrapOnlyEdgeType: false, shouldImplementNode: false, withEdgeSuffix: true },
      ],
      // Natural keys keep the names the legacy systems and existing clients know (Order.orderNo).
      '@graphql-eslint/no-typename-prefix': 'off',
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      // Objects without an identity of their own (values, reports, connection parts) need no id.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            suffixes: ['Connection', 'Edge', 'Info', 'Status', 'Lag', 'Change', 'Freshness', 'State', 'Task'],
            types: ['Money', 'PageInfo', 'StatusEvidence', 'Query', 'Subscription'],
          },
        },
      ],
    },
  },
  {
    // The example operations frontends copy: checked against the schema, no deprecated fields.
    files: ['docs/queries/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: GRAPHQL_CONFIG },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: graphqlPlugin.configs['flat/operations-recommended'].rules,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
