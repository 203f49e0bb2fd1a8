/**
 * Saves that are waiting (a debounced write of the workspace) register here, so that anything
 * about to leave the page on purpose — the "new version, Reload" prompt — writes them first.
 * `pagehide` covers a learner closing the tab; this covers the page reloading itself.
 */
const pending = new Set<() => void>();

/** Registers a function that writes whatever is waiting, synchronously; returns its removal. */
export function registerPendingSave(flush: () => void): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

/** Writes every waiting save now. One that fails does not stop the others. */
export function flushPendingSaves(): void {
  for (const flush of pending) {
    try {
      flush();
    } catch {
      /* its own code reports a failed save to the learner; the reload still waits for the rest */
    }
  }
}
