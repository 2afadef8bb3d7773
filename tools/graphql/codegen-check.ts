/**
 * `npm run codegen:check`: generates the typed documents in memory (codegen.ts, from the committed
 * schema.graphql and docs/queries) and exits 1 naming every output file that differs from the
 * committed one. A separate process because the code generator loads ES modules Jest cannot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen';
import { REPO_ROOT } from '../../src/config/stack-config';

async function main() {
  const outputs = (await generate({ ...config, cwd: REPO_ROOT, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  const stale = outputs.filter(({ filename, content }) => {
    const file = path.resolve(REPO_ROOT, filename);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content;
  });
  for (const { filename } of stale) console.error(`stale: ${filename} (run npm run codegen)`);
  if (outputs.length === 0) console.error('codegen produced no output');
  process.exitCode = stale.length > 0 || outputs.length === 0 ? 1 : 0;
  if (process.exitCode === 0) console.log(`up to date: ${outputs.map((o) => o.filename).join(', ')}`);
}

void main();
