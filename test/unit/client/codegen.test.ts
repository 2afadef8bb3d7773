import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../../src/config/stack-config';

describe('npm run codegen', () => {
  it('has written the typed documents of docs/queries from the current schema: run it after changing either', () => {
    // Generated in memory and compared by tools/graphql/codegen-check.ts (exit 1 names the stale files).
    const out = execFileSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      ['tools/graphql/codegen-check.ts'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      },
    );
    expect(out).toContain('up to date: client/generated/operations.ts');
  });
});
