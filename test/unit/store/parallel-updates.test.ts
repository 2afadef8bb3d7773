import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { updateInParts } from '../../../src/store/parallel-updates';

function fakeCollection(matchedPer: (ops: number) => number) {
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const collection = {
    async bulkWrite(ops: AnyBulkWriteOperation<Document>[], options: { ordered: boolean }) {
      expect(options.ordered).toBe(false);
      calls.push(ops.length);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { matchedCount: matchedPer(ops.length) };
    },
  } as unknown as Collection<Document>;
  return { collection, calls, maxInFlight: () => maxInFlight };
}

const ops = (n: number): AnyBulkWriteOperation<Document>[] =>
  Array.from({ length: n }, (_, i) => ({ updateMany: { filter: { n: i }, update: { $set: { v: i } } } }));

describe('updateInParts', () => {
  it('keeps a small bulk in one command', async () => {
    const f = fakeCollection((n) => n);
    await expect(updateInParts(f.collection, ops(150), 4)).resolves.toEqual({ matchedCount: 150 });
    expect(f.calls).toEqual([150]);
  });

  it('splits a large bulk into concurrent parts covering every statement once', async () => {
    const f = fakeCollection((n) => n - 1);
    const result = await updateInParts(f.collection, ops(1001), 4);
    expect(f.calls).toHaveLength(4);
    expect(f.calls.reduce((a, b) => a + b, 0)).toBe(1001);
    expect(f.maxInFlight()).toBe(4);
    // Matches add up over the parts, so a caller still sees that some guard did not match.
    expect(result.matchedCount).toBe(997);
  });

  it('fails when any part fails', async () => {
    let call = 0;
    const collection = {
      bulkWrite: async () => {
        if (++call === 2) throw new Error('store gone');
        return { matchedCount: 1 };
      },
    } as unknown as Collection<Document>;
    await expect(updateInParts(collection, ops(400), 4)).rejects.toThrow('store gone');
  });
});
