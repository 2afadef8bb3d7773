import type { CliCommand } from '../../../src/cli/command';
import { dispatch } from '../../../src/cli/customer-view';
import { ConfigError } from '../../../src/config/parse';
import { AppError } from '../../../src/shared/errors';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

const calls: string[][] = [];
const fake = (name: string, run: CliCommand['run']): CliCommand => ({
  name,
  summary: `the ${name} command`,
  help: `Usage: customer-view ${name}\n\nExamples:\n  customer-view ${name}`,
  run,
});
const list = [
  fake('ok', async (argv) => {
    calls.push(argv);
    return 0;
  }),
  fake('drift', async () => 2),
  fake('misconfigured', async () => {
    throw new ConfigError(['KAFKA_BROKERS: is not set', 'MONGO_URL: is not set']);
  }),
  fake('taken', async () => {
    throw new AppError('port-in-use', 'GRAPHQL_PORT 4000 is in use on 127.0.0.1', {
      hint: 'set GRAPHQL_PORT',
    });
  }),
  fake('strict', async (argv) => {
    const { parseArgs } = await import('node:util');
    parseArgs({ args: argv, options: {}, strict: true });
    return 0;
  }),
];

describe('customer-view dispatch', () => {
  it('lists every command with its summary on --help (exit 0), and without a command (exit 1)', async () => {
    const a = io();
    expect(await dispatch(['--help'], a.io, list)).toBe(0);
    for (const c of list)
      expect(a.out.stdout).toMatch(new RegExp(`^ {2}${c.name} +the ${c.name} command$`, 'm'));
    const b = io();
    expect(await dispatch([], b.io, list)).toBe(1);
    expect(b.out.stderr).toContain('Usage: customer-view <command>');
  });

  it("prints a command's help for `<command> --help` and `help <command>`, without running it", async () => {
    calls.length = 0;
    for (const argv of [
      ['ok', '--help'],
      ['ok', '-h'],
      ['help', 'ok'],
    ]) {
      const a = io();
      expect(await dispatch(argv, a.io, list)).toBe(0);
      expect(a.out.stdout).toContain('Usage: customer-view ok');
    }
    expect(calls).toEqual([]);
  });

  it('passes the arguments after the name and returns the exit code of the command', async () => {
    calls.length = 0;
    expect(await dispatch(['ok', 'a', '--b'], io().io, list)).toBe(0);
    expect(calls).toEqual([['a', '--b']]);
    expect(await dispatch(['drift'], io().io, list)).toBe(2);
  });

  it('refuses an unknown command or option with exit 1', async () => {
    const a = io();
    expect(await dispatch(['frobnicate'], a.io, list)).toBe(1);
    expect(a.out.stderr).toContain('unknown command: frobnicate');
    const b = io();
    expect(await dispatch(['strict', '--bogus'], b.io, list)).toBe(1);
    expect(b.out.stderr).toContain("Unknown option '--bogus'");
  });

  it('prints configuration problems and taken ports as messages, without a stack trace', async () => {
    const a = io();
    expect(await dispatch(['misconfigured'], a.io, list)).toBe(1);
    expect(a.out.stderr).toContain('KAFKA_BROKERS: is not set');
    expect(a.out.stderr).toContain('MONGO_URL: is not set');
    expect(a.out.stderr).not.toMatch(/\n\s+at /);
    const b = io();
    expect(await dispatch(['taken'], b.io, list)).toBe(1);
    expect(b.out.stderr).toBe('error: GRAPHQL_PORT 4000 is in use on 127.0.0.1\nhint: set GRAPHQL_PORT\n');
  });
});

describe('the runtime commands', () => {
  it.each([
    ['processors', () => import('../../../src/cli/commands/processors').then((m) => m.processorsCommand)],
    ['api', () => import('../../../src/cli/commands/api').then((m) => m.apiCommand)],
    ['remap', () => import('../../../src/cli/commands/remap').then((m) => m.remapCommand)],
  ])('%s: listed, with usage and examples in its help', async (name, load) => {
    const command = await load();
    const { commands } = await import('../../../src/cli/commands');
    expect(commands).toContain(command);
    expect(command.name).toBe(name);
    expect(command.help).toMatch(new RegExp(`^Usage: customer-view ${name}`));
    expect(command.help).toMatch(/\nExamples:\n {2}\S/);
  });
});
