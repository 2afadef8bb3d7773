import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { REPO_ROOT } from '../../../../src/config/stack-config';
import { loadAllowList, operationHash, persistedIdOf } from '../../../../src/graphql/server/allow-list';
import { recordGraphqlUrl } from '../../../../src/graphql/endpoints-file';

describe('allow-list', () => {
  it('keys every example operation in docs/queries by the sha256 of its text, and all of them parse', () => {
    const list = loadAllowList(path.join(REPO_ROOT, 'docs', 'queries'));
    expect(list.size).toBeGreaterThanOrEqual(6);
    for (const [hash, text] of list) {
      expect(hash).toBe(operationHash(text));
      expect(() => parse(text)).not.toThrow();
    }
  });

  it('reads the hash from APQ extensions or documentId', () => {
    expect(persistedIdOf({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })).toBe('abc');
    expect(persistedIdOf({ documentId: 'def' })).toBe('def');
    expect(persistedIdOf({})).toBeNull();
  });
});

describe('recordGraphqlUrl', () => {
  it('adds or replaces the GRAPHQL_URL line and leaves a missing file alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gql-'));
    const file = path.join(dir, 'endpoints.env');
    recordGraphqlUrl(file, 'http://x/graphql');
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, '# header\nKAFKA_BROKERS=k:1');
    recordGraphqlUrl(file, 'http://127.0.0.1:4000/graphql');
    recordGraphqlUrl(file, 'http://127.0.0.1:4001/graphql');
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# header\nKAFKA_BROKERS=k:1\nGRAPHQL_URL=http://127.0.0.1:4001/graphql\n',
    );
    fs.rmSync(dir, { recursive: true });
  });
});
