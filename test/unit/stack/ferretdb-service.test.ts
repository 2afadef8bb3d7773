import { parseStackConfig } from '../../../src/config/stack-config';
import { stackPaths } from '../../../tools/stack/paths';
import type { StackContext } from '../../../tools/stack/service';
import { ferretdb, ferretdbDrift, ferretdbPgUrl } from '../../../tools/stack/services/ferretdb';

const ctx = {
  config: parseStackConfig({ STACK_PG_PORT: '25432' }),
  paths: stackPaths('/nonexistent/stack'),
} as unknown as StackContext;

describe('the stack FerretDB service', () => {
  it("asks PostgreSQL for custom plans on FerretDB's connections, so GIN indexes made later are used", () => {
    const url = new URL(ferretdbPgUrl(ctx));
    expect(url.port).toBe('25432');
    expect(url.pathname).toBe('/ferretdb');
    expect(url.searchParams.get('plan_cache_mode')).toBe('force_custom_plan');
    expect(url.searchParams.get('pool_max_conns')).toBe('200');
  });

  it('starts FerretDB on its PostgreSQL backend with that URL', () => {
    const { args } = ferretdb.daemon(ctx);
    expect(args).toContain('--handler=postgresql');
    expect(args).toContain(`--postgresql-url=${ferretdbPgUrl(ctx)}`);
  });

  it('reports no drift when no FerretDB runs', () => {
    expect(ferretdbDrift(ctx)).toBeUndefined();
  });
});
