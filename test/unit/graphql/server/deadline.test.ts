import { buildSchema, execute, parse } from 'graphql';
import { createDeadline, withResolverDeadlines } from '../../../../src/graphql/server/deadline';

const never = () => new Promise<never>(() => undefined);

function schemaWith(resolvers: Record<string, () => unknown>) {
  const schema = buildSchema(`
    type Query { fast: String, stuck: String, required: Box!, sync: String }
    type Box { value: String }
  `);
  const fields = schema.getQueryType()!.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) fields[name]!.resolve = resolve;
  return withResolverDeadlines(schema);
}

describe('request deadline', () => {
  it('fails the fields still waiting at the deadline and keeps those already answered', async () => {
    const schema = schemaWith({ fast: async () => 'done', stuck: never, sync: () => 'now' });
    const started = Date.now();
    const deadline = createDeadline(50);
    const result = await execute({
      schema,
      document: parse('{ fast stuck sync }'),
      contextValue: { deadline },
    });
    deadline.dispose();
    expect(Date.now() - started).toBeLessThan(5_000); // the stuck field would otherwise never answer
    expect(result.data).toEqual({ fast: 'done', stuck: null, sync: 'now' });
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['stuck'], 'DEADLINE_EXCEEDED'],
    ]);
  });

  it('starts no resolver once the deadline has passed', async () => {
    let calls = 0;
    const schema = schemaWith({
      fast: async () => {
        calls += 1;
        return 'x';
      },
    });
    let now = 1_000;
    const deadline = createDeadline(10, () => now);
    now = 2_000;
    const result = await execute({ schema, document: parse('{ fast }'), contextValue: { deadline } });
    deadline.dispose();
    expect(calls).toBe(0);
    expect(result.errors?.[0]?.extensions.code).toBe('DEADLINE_EXCEEDED');
  });

  it('leaves executions without a deadline (subscriptions) alone', async () => {
    const schema = schemaWith({ fast: async () => 'done' });
    const result = await execute({ schema, document: parse('{ fast }'), contextValue: {} });
    expect(result).toEqual({ data: { fast: 'done' } });
  });
});
