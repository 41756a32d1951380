/**
 * Group commit for hot write paths: calls that arrive while the event loop is busy are handed
 * to ONE statement together, and each caller's promise settles with its own result when that
 * statement has finished (committed, for a write): nobody is answered before their own row is
 * written, and a failed statement fails every call in it.
 *
 * Why: under concurrent load (bench:gate, 50 connections) every deployment-gate call made its
 * own INSERT (a commit and a WAL flush each) and its own increment of the token's per-minute
 * counter, one row that every call of the token locks in turn. One statement per batch does
 * the same writes with a fraction of the round trips, commits and lock hand-overs.
 *
 * Batches form by themselves: a batch starts on the next turn of the event loop after the
 * first waiting call, at most `maxInFlight` batches run at once, and calls arriving meanwhile
 * wait for a free slot and go together (so the busier the server, the larger the batches; an
 * idle server runs each call alone, one event-loop turn later).
 */
export type Batcher<I, O> = (item: I) => Promise<O>;

type Waiting<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

/**
 * @param run does the work for a batch; must return one result per item, in the items' order
 *   (its rejection rejects every item of the batch).
 * @param opts.maxBatch most items per statement (default 500).
 * @param opts.maxInFlight batches running at once (default 2).
 * @returns a function that queues one item and resolves with its result.
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: { maxBatch?: number; maxInFlight?: number } = {}): Batcher<I, O> {
  const maxBatch = opts.maxBatch ?? 500;
  const maxInFlight = opts.maxInFlight ?? 2;
  let waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      inFlight++;
      run(batch.map((w) => w.item))
        .then((results) => {
          if (results.length !== batch.length) throw new Error(`batch returned ${results.length} results for ${batch.length} items`);
          batch.forEach((w, i) => w.resolve(results[i]!));
        })
        .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}

/**
 * One batcher per database client (tests and the app each have their own), created on first use.
 */
export function batcherPerClient<D extends object, I, O>(make: (db: D) => Batcher<I, O>): (db: D) => Batcher<I, O> {
  const batchers = new WeakMap<D, Batcher<I, O>>();
  return (db) => {
    let batcher = batchers.get(db);
    if (!batcher) {
      batcher = make(db);
      batchers.set(db, batcher);
    }
    return batcher;
  };
}
