import { parseConnectorsArgs } from '../../../../../src/cli/commands/connectors/args';

const ok = (argv: string[]) => {
  const r = parseConnectorsArgs(argv);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.args;
};
const error = (argv: string[]) => {
  const r = parseConnectorsArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.error;
};

describe('parseConnectorsArgs', () => {
  it('reads a subcommand, names and its options', () => {
    expect(ok(['apply', 'crm', 'oms', '--env', 'prod', '--format', 'avro', '--timeout', '30'])).toMatchObject(
      {
        sub: 'apply',
        names: ['crm', 'oms'],
        env: 'prod',
        format: 'avro',
        timeoutS: 30,
        dryRun: false,
        json: false,
      },
    );
    expect(ok(['diff', '--json'])).toMatchObject({ sub: 'diff', names: [], json: true });
  });

  it('is safe by default: nothing destructive is implied', () => {
    expect(ok(['delete', 'crm'])).toMatchObject({ yes: false, dryRun: false });
    expect(ok(['apply', '--dry-run'])).toMatchObject({ dryRun: true });
  });

  it('refuses flags that do not belong to the subcommand', () => {
    expect(error(['status', '--yes'])).toBe('status does not take --yes');
    expect(error(['diff', '--dry-run'])).toBe('diff does not take --dry-run');
    expect(error(['delete', 'crm', '--env', 'prod'])).toBe('delete does not take --env');
  });

  it('asks for what a subcommand needs', () => {
    expect(error(['restart'])).toMatch(/--failed/);
    expect(ok(['restart', '--failed'])).toMatchObject({ sub: 'restart', failed: true });
    expect(error(['pause'])).toMatch(/names, or --all/);
    expect(error(['resume', 'crm', '--all'])).toMatch(/not both/);
    expect(ok(['pause', '--all'])).toMatchObject({ all: true, names: [] });
    expect(error(['delete', '--yes'])).toBe('delete needs connector names');
  });

  it('reports unknown subcommands, flags and values', () => {
    expect(error([])).toMatch(/subcommand is missing/);
    expect(error(['deploy'])).toMatch(/unknown subcommand "deploy"/);
    expect(error(['diff', '--nope'])).toMatch(/--nope/);
    expect(error(['diff', '--format', 'xml'])).toMatch(/json or avro/);
    expect(error(['apply', '--timeout=0'])).toMatch(/positive/);
  });

  it('lets --help through without the usual requirements', () => {
    expect(ok(['--help']).help).toBe(true);
    expect(ok(['delete', '--help']).help).toBe(true);
  });
});
