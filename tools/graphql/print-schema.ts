/** `npm run schema:print`: writes the API's SDL, printed from the code, to schema.graphql. */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config/stack-config';
import { printApiSchema, SCHEMA_FILE } from '../../src/graphql/print-schema';

const file = path.join(REPO_ROOT, SCHEMA_FILE);
fs.writeFileSync(file, printApiSchema());
console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
