import { z } from 'zod';
import { ConfigError, booleanSchema, parseEnv, portSchema, urlSchema } from '../../../src/config/parse';
import { problemsOf } from '../../support/config-problems';

const schema = z.object({
  PORT: portSchema.default(8080),
  DEBUG: booleanSchema.default(false),
  SERVICE_URL: urlSchema.optional(),
  NAME: z.string().default('svc'),
});

describe('parseEnv', () => {
  it('applies defaults when nothing is set', () => {
    expect(parseEnv(schema, {})).toEqual({ PORT: 8080, DEBUG: false, NAME: 'svc' });
  });

  it('parses set values', () => {
    expect(parseEnv(schema, { PORT: '9000', DEBUG: 'yes', SERVICE_URL: 'http://x:1/', NAME: 'a' })).toEqual({
      PORT: 9000,
      DEBUG: true,
      SERVICE_URL: 'http://x:1/',
      NAME: 'a',
    });
  });

  it('treats empty strings as unset so defaults apply', () => {
    expect(parseEnv(schema, { PORT: '', DEBUG: '', SERVICE_URL: '', NAME: '' })).toEqual({
      PORT: 8080,
      DEBUG: false,
      NAME: 'svc',
    });
  });

  it('lists every invalid variable at once, naming the variable and the bad value', () => {
    const problems = problemsOf(() =>
      parseEnv(schema, { PORT: 'eighty', DEBUG: 'maybe', SERVICE_URL: 'not a url', NAME: 'ok' }),
    );
    expect(problems).toHaveLength(3);
    const byVar = (v: string) => problems.filter((p) => p.startsWith(`${v}:`));
    expect(byVar('PORT')).toEqual([expect.stringContaining('(got "eighty")')]);
    expect(byVar('DEBUG')).toEqual([expect.stringContaining('(got "maybe")')]);
    expect(byVar('SERVICE_URL')).toEqual([expect.stringContaining('(got "not a url")')]);
    expect(problems.some((p) => p.startsWith('NAME'))).toBe(false);
  });

  it('puts every problem into the error message', () => {
    try {
      parseEnv(schema, { PORT: '0', DEBUG: 'nope' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const err = e as ConfigError;
      expect(err.name).toBe('ConfigError');
      expect(err.message).toMatch(/^invalid configuration:\n/);
      expect(err.message).toContain('  - PORT:');
      expect(err.message).toContain('  - DEBUG:');
    }
  });

  it('ignores variables the schema does not know', () => {
    expect(parseEnv(schema, { PATH: '/usr/bin', HOME: '' })).toEqual({
      PORT: 8080,
      DEBUG: false,
      NAME: 'svc',
    });
  });
});

describe('portSchema', () => {
  it.each([
    ['1', 1],
    ['65535', 65535],
    ['15432', 15432],
  ])('accepts %s', (input, expected) => {
    expect(portSchema.parse(input)).toBe(expected);
  });

  it.each(['0', '65536', '-1', '80.5', 'http', '99999'])('rejects %s', (input) => {
    expect(portSchema.safeParse(input).success).toBe(false);
  });

  it('names the TCP port range in its message', () => {
    const problems = problemsOf(() => parseEnv(z.object({ P: portSchema }), { P: '70000' }));
    expect(problems).toEqual(['P: must be a TCP port (1-65535) (got "70000")']);
  });
});

describe('booleanSchema', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('maps %s to %s', (input, expected) => {
    expect(booleanSchema.parse(input)).toBe(expected);
  });

  it.each(['TRUE', 'on', 'off', 'y', '2', ' true'])('rejects %j', (input) => {
    expect(booleanSchema.safeParse(input).success).toBe(false);
  });

  it('says it must be true or false', () => {
    const problems = problemsOf(() => parseEnv(z.object({ B: booleanSchema }), { B: 'on' }));
    expect(problems).toEqual(['B: must be true or false (got "on")']);
  });
});
