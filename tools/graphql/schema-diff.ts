/**
 * `npm run schema:diff [-- <git ref>]`: what the schema the code serves now changes for clients,
 * against schema.graphql as committed at <ref> (default HEAD). Lists breaking
 * and dangerous changes (graphql-js's findBreakingChanges / findDangerousChanges, the same
 * categories graphql-inspector uses) and exits 1 when there is a breaking one. A change of meaning
 * under the same type (as Customer.id becoming a global id in issue 10) is no type change: no tool
 * sees it, the changelog must say it.
 */
import { execFileSync } from 'node:child_process';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { REPO_ROOT } from '../../src/config/stack-config';
import { printApiSchema, SCHEMA_FILE } from '../../src/graphql/print-schema';

const ref = process.argv[2] ?? 'HEAD';
const before = execFileSync('git', ['show', `${ref}:${SCHEMA_FILE}`], { cwd: REPO_ROOT, encoding: 'utf8' });
const [old, now] = [buildSchema(before), buildSchema(printApiSchema())];
const breaking = findBreakingChanges(old, now);
const dangerous = findDangerousChanges(old, now);
for (const c of breaking) console.log(`breaking   ${c.type}: ${c.description}`);
for (const c of dangerous) console.log(`dangerous  ${c.type}: ${c.description}`);
console.log(
  `${breaking.length} breaking, ${dangerous.length} dangerous change(s) against ${ref}:${SCHEMA_FILE}`,
);
process.exitCode = breaking.length > 0 ? 1 : 0;
