/**
 * The API's SDL as text, printed from the code (the schema the server runs), sorted so that
 * reordering the SDL pieces does not churn the file. `npm run schema:print` writes it to
 * schema.graphql for the schema linter, codegen and schema diffs; a unit test keeps it in sync.
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApiSchema } from './schema';

export const SCHEMA_FILE = 'schema.graphql';

export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(createApiSchema()))}\n`;
}
