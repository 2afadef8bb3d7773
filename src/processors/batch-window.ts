/**
 * Gathers the per-partition batches kafkajs hands over for one fetch into one batch for the store.
 *
 * kafkajs calls `eachBatch` once per partition; with `partitionsConsumedConcurrently` at least the
 * number of assigned partitions, the batches of one fetch arrive together. Processed together, a
 * customer whose CRM row, billing account and orders changed in the same moment is rebuilt once, not
 * once per topic, and every store read and write covers the whole fetch. Each caller's promise
 * settles with the batch it joined: if the batch fails, every partition in it is re-read.
 */
export interface BatchWindowOptions<B> {
  /** How long to wait for more partitions after the first one arrives, in ms. Default 5. */
  lingerMs?: number;
  /** Close the window early at this many messages. Default 20000. */
  maxMessages?: number;
  /** Processes one closed window; windows run one after another. */
  run(batches: B[]): Promise<void>;
}

export function createBatchWindow<B>({ lingerMs = 5, maxMessages = 20_000, run }: BatchWindowOptions<B>) {
  let open: { items: B[]; messages: number; settle: Array<[() => void, (e: unknown) => void]> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  const close = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const window = open;
    open = null;
    if (!window) return;
    chain = chain.then(async () => {
      try {
        await run(window.items);
        for (const [resolve] of window.settle) resolve();
      } catch (e) {
        for (const [, reject] of window.settle) reject(e);
      }
    });
  };

  return {
    /** Adds a partition's batch; resolves once the window holding it is processed. */
    add(batch: B, messages: number): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        open ??= { items: [], messages: 0, settle: [] };
        open.items.push(batch);
        open.messages += messages;
        open.settle.push([resolve, reject]);
        if (open.messages >= maxMessages) close();
        else timer ??= setTimeout(close, lingerMs);
      });
    },
    /** Processes what is open now and waits for every window to finish (failures included). */
    async drain(): Promise<void> {
      close();
      await chain.catch(() => undefined);
    },
  };
}
