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

  it('counts backward pages by last, and nodes(ids) once per id', () => {
    const q = parse('query ($n: Int) { customers(last: $n) { edges { node { id } } } }');
    expect(operationCost(q, null, { n: 100 })).toBe(1 + 3 * 100);
    const nodes = parse(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { orders(first: 10) { edges { cursor } } } } }',
    );
    // nodes 1; x3: id, orders (2 x 3); x3x10: edges, cursor (2 x 30)
    expect(operationCost(nodes, null, { ids: ['a', 'b', 'c'] })).toBe(1 + 2 * 3 + 2 * 30);
    expect(operationCost(parse('{ nodes(ids: ["a", "b"]) { id } }'), null)).toBe(1 + 2);
  });

  it('ignores introspection and other operations of the document', () => {
    const q = parse(
      'query A { __schema { types { name } } customer(id: "1") { id } } query B { order(orderNo: "x") { orderNo } }',
    );
    expect(operationCost(q, 'A')).toBe(2);
  });
});
