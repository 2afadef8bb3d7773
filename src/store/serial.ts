/**
 * Runs tasks one at a time, in the order they ask. The store takes it around every write to customer
 * documents: those writes are revision-checked, and a revision check is a compare-and-set on MongoDB,
 * but FerretDB applies an update as read, change, write back without a lock, so two updates of one
 * document in flight at once can both pass the check and the later one undo the earlier. Within one
 * process (batches, and the status events going out behind them) this keeps them apart.
 */
export function createSerial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
export type Serial = ReturnType<typeof createSerial>;
