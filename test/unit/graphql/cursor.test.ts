import { connection, decodeCursor, encodeCursor, pageSize, readPage } from '../../../src/graphql/cursor';

const CURSOR = { kind: 'order', shape: ['number', 'string'] } as const;

describe('cursors', () => {
  it('round-trips a key and refuses cursors of another kind, shape or garbage', () => {
    const c = encodeCursor('order', [1700000000000, 'SO1']);
    expect(decodeCursor('order', c, ['number', 'string'])).toEqual([1700000000000, 'SO1']);
    for (const bad of [
      encodeCursor('customer', ['1']),
      encodeCursor('order', ['x', 'SO1']),
      'not-base64-json',
      '',
    ])
      expect(() => decodeCursor('order', bad, ['number', 'string'])).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
  });

  it('names the argument that carried a bad cursor', () => {
    expect(() => decodeCursor('order', 'x', ['string'], 'before')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ argument: 'before' }) }),
    );
  });

  it('caps the page size', () => {
    expect(pageSize(undefined, 20, 100)).toBe(20);
    expect(pageSize(100, 20, 100)).toBe(100);
    expect(() => pageSize(101, 20, 100)).toThrow('at most 100');
    expect(() => pageSize(-1, 20, 100)).toThrow('negative');
    expect(() => pageSize(101, 20, 100, 'last')).toThrow('last must be at most 100');
  });
});

describe('readPage', () => {
  const after = encodeCursor('order', [1, 'a']);
  const before = encodeCursor('order', [9, 'z']);

  it('reads forwards by default and with first/after', () => {
    expect(readPage({}, CURSOR, 20, 100)).toEqual({ size: 20, backward: false, after: null, before: null });
    expect(readPage({ first: 5, after }, CURSOR, 20, 100)).toEqual({
      size: 5,
      backward: false,
      after: [1, 'a'],
      before: null,
    });
  });

  it('reads backwards with last/before, and between two cursors', () => {
    expect(readPage({ last: 3, before }, CURSOR, 20, 100)).toEqual({
      size: 3,
      backward: true,
      after: null,
      before: [9, 'z'],
    });
    expect(readPage({ last: 3, after, before }, CURSOR, 20, 100)).toMatchObject({
      after: [1, 'a'],
      before: [9, 'z'],
    });
  });

  it('refuses first with last, a last over the cap and a bad before', () => {
    expect(() => readPage({ first: 1, last: 1 }, CURSOR, 20, 100)).toThrow('first or last');
    expect(() => readPage({ last: 101 }, CURSOR, 20, 100)).toThrow('last must be at most 100');
    expect(() => readPage({ before: 'junk' }, CURSOR, 20, 100)).toThrow('before');
  });
});

describe('connection', () => {
  const cursorOf = (n: number) => `c${n}`;

  it('forwards: the extra item says there is a next page; after says there is a previous one', () => {
    const page = { size: 2, backward: false, after: null, before: null };
    expect(connection([1, 2, 3], page, cursorOf)).toEqual({
      edges: [
        { cursor: 'c1', node: 1 },
        { cursor: 'c2', node: 2 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c2' },
    });
    expect(connection([], { ...page, after: ['x'] }, String).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('backwards: items read in reverse come out in connection order; the extra one means a previous page', () => {
    const page = { size: 2, backward: true, after: null, before: ['9'] };
    // Read nearest-to-before first: 9's predecessors are 8, 7, then the extra 6.
    expect(connection([8, 7, 6], page, cursorOf)).toEqual({
      edges: [
        { cursor: 'c7', node: 7 },
        { cursor: 'c8', node: 8 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: 'c7', endCursor: 'c8' },
    });
    expect(connection([2, 1], { ...page, before: null }, cursorOf).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
  });
});
