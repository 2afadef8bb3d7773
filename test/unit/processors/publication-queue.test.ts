import { createPublicationQueue } from '../../../src/processors/publication-queue';
import type { OutboxEntry } from '../../../src/store/create-store';

const entry = (custId: string, version: number): OutboxEntry => ({
  custId,
  rev: version,
  events: [
    {
      customerId: custId,
      version,
      status: 'ACTIVE',
      previousStatus: null,
      rule: 'r',
      since: null,
      removed: false,
      changedAt: new Date(0),
    },
  ],
});

describe('publication queue', () => {
  it('publishes batches one after another, in the order they were queued', async () => {
    const seen: number[] = [];
    let published = 0;
    const queue = createPublicationQueue({
      publish: async (entries) => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(...entries.map((e) => e.rev as number));
        return entries.length;
      },
      onPublished: (n) => (published += n),
      log: () => undefined,
    });
    await queue.enqueue([entry('1', 1)]);
    await queue.enqueue([entry('1', 2), entry('2', 1)]);
    await queue.enqueue([entry('1', 3)]);
    await queue.close();
    expect(seen).toEqual([1, 2, 1, 3]);
    expect(published).toBe(4);
  });

  it('keeps failed entries first in line and publishes them once Kafka answers', async () => {
    let calls = 0;
    const seen: number[] = [];
    const logs: string[] = [];
    const queue = createPublicationQueue({
      publish: async (entries) => {
        calls += 1;
        if (calls === 1) throw new Error('broker down');
        seen.push(...entries.map((e) => e.rev as number));
        return entries.length;
      },
      onPublished: () => undefined,
      log: (event) => logs.push(event),
    });
    await queue.enqueue([entry('1', 1)]);
    await queue.enqueue([entry('1', 2)]);
    await queue.close();
    expect(seen).toEqual([1, 2]);
    expect(logs).toEqual(['publish-error']);
  });

  it('gives up draining at its deadline, leaving the rest to the outbox', async () => {
    const logs: string[] = [];
    const queue = createPublicationQueue({
      publish: async () => {
        throw new Error('broker down');
      },
      onPublished: () => undefined,
      log: (event) => logs.push(event),
    });
    await queue.enqueue([entry('1', 1)]);
    await queue.close(300);
    expect(logs).toContain('publish-abandoned');
  });
});
