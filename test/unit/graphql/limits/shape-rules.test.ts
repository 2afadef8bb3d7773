import { buildSchema, parse, validate } from 'graphql';
import { maxAliasesRule, maxDepthRule } from '../../../../src/graphql/limits/shape-rules';

const schema = buildSchema(`type Query { a: A }  type A { a: A  b: Int }`);
const check = (query: string, rule: ReturnType<typeof maxDepthRule>) =>
  validate(schema, parse(query), [rule]).map((e) => [e.message, e.extensions.code]);

describe('shape rules', () => {
  it('reports depth beyond the limit, through fragments, as QUERY_TOO_COMPLEX', () => {
    expect(check('{ a { a { b } } }', maxDepthRule(3))).toEqual([]);
    expect(check('{ a { a { a { b } } } }', maxDepthRule(3))).toEqual([
      ['query depth 4 exceeds the limit of 3', 'QUERY_TOO_COMPLEX'],
    ]);
    expect(check('{ a { ...F } } fragment F on A { a { a { b } } }', maxDepthRule(3))).toHaveLength(1);
  });

  it('does not loop on fragment cycles (graphql-js reports those)', () => {
    expect(() => check('{ a { ...F } } fragment F on A { a { ...F } }', maxDepthRule(10))).not.toThrow();
  });

  it('reports more aliases than allowed', () => {
    expect(check('{ x: a { b } y: a { b } }', maxAliasesRule(2))).toEqual([]);
    expect(check('{ x: a { p: b } y: a { b } }', maxAliasesRule(2))).toEqual([
      ['3 aliases exceed the limit of 2', 'QUERY_TOO_COMPLEX'],
    ]);
  });
});
