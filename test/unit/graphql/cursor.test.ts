import { connection, decodeCursor, encodeCursor, pageSize } from '../../../src/graphql/cursor';

describe('cursors and pages', () => {
  it('round-trips a key and refuses cursors of another kind, arity, key types or garbage', () => {
    const c = encodeCursor('order', [1700000000000, 'SO1']);
    expect(decodeCursor('order', c, ['number', 'string'])).toEqual([1700000000000, 'SO1']);
    for (const bad of [
      encodeCursor('customer', ['1']),
      encodeCursor('order', ['x', 'SO1']),
      'garbage',
      '',
      Buffer.from('{"a":1}').toString('base64url'),
    ])
      expect(() => decodeCursor('order', bad, ['number', 'string'])).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
  });

  it('caps first and refuses negatives', () => {
    expect(pageSize(undefined, 20, 100)).toBe(20);
    expect(pageSize(100, 20, 100)).toBe(100);
    expect(() => pageSize(101, 20, 100)).toThrow('at most 100');
    expect(() => pageSize(-1, 20, 100)).toThrow('negative');
  });

  it('builds a Relay connection from size + 1 items', () => {
    const c = connection([1, 2, 3], 2, null, (n) => `c${n}`);
    expect(c).toEqual({
      edges: [
        { cursor: 'c1', node: 1 },
        { cursor: 'c2', node: 2 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c2' },
    });
    expect(connection([], 2, 'x', String).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });
});
