import { parse } from 'graphql';
import { operationCost } from '../../../../src/graphql/limits/cost';

describe('operationCost', () => {
  it('counts one per field, multiplied by the page sizes around it', () => {
    expect(operationCost(parse('{ customer(id: "1") { id name } }'), null)).toBe(3);
    // customers 1; x50: edges, node, id, orders (4 x 50); x50x10: edges, node, orderNo (3 x 500)
    const q = parse(
      '{ customers(first: 50) { edges { node { id orders(first: 10) { edges { node { orderNo } } } } } } }',
    );
    expect(operationCost(q, null)).toBe(1 + 4 * 50 + 3 * 500);
  });

  it('takes page sizes from variables, defaults when absent, and counts fragments', () => {
    const q = parse(`query Q($n: Int) { customers(first: $n) { edges { node { ...F } } } }
      fragment F on Customer { id orders { edges { cursor } } }`);
    expect(operationCost(q, 'Q', { n: 2 })).toBe(1 + 2 * 4 + 2 * 20 * 2);
    expect(operationCost(q, 'Q', {})).toBe(1 + 20 * 4 + 20 * 20 * 2);
  });

  it('ignores introspection and other operations of the document', () => {
    const q = parse(
      'query A { __schema { types { name } } customer(id: "1") { id } } query B { order(orderNo: "x") { orderNo } }',
    );
    expect(operationCost(q, 'A')).toBe(2);
  });
});
