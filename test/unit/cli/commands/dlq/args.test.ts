import { parseDlqArgs } from '../../../../../src/cli/commands/dlq/args';

const ok = (argv: string[]) => {
  const r = parseDlqArgs(argv);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.args;
};
const error = (argv: string[]) => {
  const r = parseDlqArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.error;
};

describe('parseDlqArgs', () => {
  it('list with filters', () => {
    expect(
      ok(['list', '--reason', 'unknown-code', '--since', '2026-11-29T10:00:00Z', '--limit', '5']),
    ).toMatchObject({
      sub: 'list',
      reason: 'unknown-code',
      since: new Date('2026-11-29T10:00:00Z'),
      limit: 5,
    });
    expect(ok(['list', '--since', '2026-11-29'])).toMatchObject({ since: new Date('2026-11-29T00:00:00Z') });
  });

  it('show takes one partition:offset', () => {
    expect(ok(['show', '0:42']).letter).toEqual({ partition: 0, offset: '42' });
    expect(error(['show'])).toMatch(/one <partition:offset>/);
    expect(error(['show', '42'])).toMatch(/not <partition:offset>/);
  });

  it('replay is a real replay unless --dry-run', () => {
    expect(ok(['replay']).dryRun).toBe(false);
    expect(ok(['replay', '--dry-run', '--reason', 'unknown-code'])).toMatchObject({ dryRun: true });
  });

  it('refuses times without a zone, flags of other subcommands, unknown subcommands', () => {
    expect(error(['replay', '--since', '2026-11-29T10:00:00'])).toMatch(/with a zone/);
    expect(error(['replay', '--since', 'yesterday'])).toMatch(/ISO time/);
    expect(error(['show', '0:1', '--dry-run'])).toBe('show does not take --dry-run');
    expect(error(['list', '--limit', 'x'])).toMatch(/whole number/);
    expect(error(['purge'])).toMatch(/unknown subcommand/);
    expect(error(['list', 'extra'])).toMatch(/no positional/);
  });

  it('--help needs nothing else', () => {
    expect(ok(['--help']).help).toBe(true);
    expect(ok(['show', '--help']).help).toBe(true);
  });
});
