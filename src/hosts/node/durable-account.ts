/**
 * One account kept on disk while a server runs: each change is journaled before its request is
 * answered (`commit`, or `commitSoon` where many requests share one disk flush), and the snapshot
 * is rewritten shortly after changes (`compactSoon`) and at exit (`close`). The single-account
 * emulator keeps one; a lab keeps one per learner.
 */
import type { LambdaService } from '../../emulator/index.ts';
import { DurableStateFile } from './state-file.ts';

/** How long after a change the snapshot is rewritten and the journal emptied, at the least. */
const COMPACTION_DELAY_MS = 250;

export class DurableAccount {
  readonly path: string;
  readonly #service: LambdaService;
  readonly #file: DurableStateFile;
  readonly #compactionDelayMs: number;
  #compaction: ReturnType<typeof setTimeout> | undefined;
  #lastCompactionMs = 0;
  /** The group commit being gathered: requests that wait for the next flush. */
  #pending: Promise<void> | undefined;

  /** `compactionDelayMs`: the least wait before a snapshot; a lab, with many accounts on one disk, waits longer. */
  constructor(path: string, service: LambdaService, compactionDelayMs = COMPACTION_DELAY_MS) {
    this.path = path;
    this.#service = service;
    this.#file = new DurableStateFile(path, service.snapshot());
    this.#compactionDelayMs = compactionDelayMs;
  }

  /** Journals what changed since the last commit; returns once it is on disk. */
  commit(): void {
    this.#file.commit(this.#service.liveState());
  }

  /**
   * Journals what changed, and resolves once it is on disk. Requests in the same turn of the
   * event loop share one write and one flush, which runs off the event loop, so a busy lab waits
   * on its disk once per batch rather than once per request.
   */
  commitSoon(): Promise<void> {
    this.#pending ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.#pending = undefined;
        try {
          if (!this.#file.append(this.#service.liveState())) return resolve();
        } catch (err) {
          return reject(err);
        }
        this.#file.flush().then(resolve, reject);
      }),
    );
    return this.#pending;
  }

  /** Rewrites the snapshot soon: log events (which are not journaled) reach disk then. */
  compactSoon(): void {
    if (this.#compaction) return;
    // A compaction rewrites the whole state: waiting ten times as long as the last one took keeps it a small share of the server's time.
    this.#compaction = setTimeout(() => {
      this.#compaction = undefined;
      this.#compact();
    }, Math.max(this.#compactionDelayMs, 10 * this.#lastCompactionMs));
  }

  /** Folds everything into the snapshot and closes the journal. */
  close(): void {
    if (this.#compaction) clearTimeout(this.#compaction);
    this.#compaction = undefined;
    this.#compact();
    this.#file.close();
  }

  #compact(): void {
    const started = performance.now();
    this.#file.compact(this.#service.snapshot());
    this.#lastCompactionMs = performance.now() - started;
  }
}
