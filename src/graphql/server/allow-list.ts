/**
 * The persisted-operations allow-list: every `*.graphql` file of a folder (docs/queries by
 * default), keyed by the sha256 of its exact text. Clients send the hash as
 * `extensions.persistedQuery.sha256Hash` (the APQ shape) or as `documentId`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const operationHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function loadAllowList(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.graphql')) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    out.set(operationHash(text), text);
  }
  return out;
}

/** The hash a request names, if any: APQ `extensions.persistedQuery.sha256Hash` or `documentId`. */
export function persistedIdOf(params: { extensions?: unknown; documentId?: unknown }): string | null {
  const ext = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = ext?.persistedQuery?.sha256Hash ?? params.documentId;
  return typeof hash === 'string' ? hash : null;
}
