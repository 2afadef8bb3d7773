import { createBatchWindow } from '../../../src/processors/batch-window';

describe('batch window', () => {
  it('processes the partitions that arrive together as one batch', async () => {
    const runs: string[][] = [];
    const window = createBatchWindow<string>({ lingerMs: 5, run: async (b) => void runs.push(b) });
    await Promise.all([window.add('crm/0', 10), window.add('billing/0', 10), window.add('oms/1', 10)]);
    expect(runs).toEqual([['crm/0', 'billing/0', 'oms/1']]);
  });

  it('closes early at the message limit', async () => {
    const runs: string[][] = [];
    const window = createBatchWindow<string>({
      lingerMs: 1000,
      maxMessages: 15,
      run: async (b) => void runs.push(b),
    });
    await Promise.all([window.add('a', 10), window.add('b', 10)]);
    expect(runs).toEqual([['a', 'b']]);
  });

  it('fails every partition of a failed batch, and runs the next one after it', async () => {
    let calls = 0;
    const window = createBatchWindow<string>({
      lingerMs: 1,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('store down');
      },
    });
    const first = Promise.allSettled([window.add('a', 1), window.add('b', 1)]);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(window.add('a', 1)).resolves.toBeUndefined();
  });

  it('drains: what is open is processed before stop returns', async () => {
    const runs: string[][] = [];
    const window = createBatchWindow<string>({ lingerMs: 60_000, run: async (b) => void runs.push(b) });
    const pending = window.add('a', 1);
    await window.drain();
    await pending;
    expect(runs).toEqual([['a']]);
  });
});
