/**
 * Records where the API listens in the local stack's endpoints file, beside the services' own
 * endpoints, so tests and tools find it the same way (`stack:up` keeps the line when it rewrites).
 */
import fs from 'node:fs';

export function recordGraphqlUrl(file: string, url: string): void {
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const line = `GRAPHQL_URL=${url}`;
  const next = /^GRAPHQL_URL=.*$/m.test(text)
    ? text.replace(/^GRAPHQL_URL=.*$/m, line)
    : `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${line}\n`;
  if (next !== text) fs.writeFileSync(file, next);
}
