/**
 * A store's change events (contract: `TaskStore.onChange`): its listeners, and the delivery of
 * each write to them, which no listener's failure can undo or misreport.
 */
import type { TaskChange } from '../contract.js';
import type { TaskRecord } from '../record.js';

export class ChangeListeners {
  readonly #listeners = new Set<(change: TaskChange) => void>();

  /** Add a listener; the function returned removes it (each call adds its own, even for the same function). */
  add(listener: (change: TaskChange) => void): () => void {
    const own = (change: TaskChange) => listener(change);
    this.#listeners.add(own);
    return () => this.#listeners.delete(own);
  }

  clear(): void {
    this.#listeners.clear();
  }

  /** Deliver a written record; `remote` marks a write another process made (found by a change feed). */
  emit(task: TaskRecord, remote = false): void {
    if (this.#listeners.size === 0) return;
    const change: TaskChange = remote ? { owner: task.owner, task, remote } : { owner: task.owner, task };
    for (const listener of this.#listeners) {
      // The write already happened: a listener's failure must neither undo nor misreport it.
      try {
        listener(change);
      } catch (error) {
        process.emitWarning(
          `mcp-tasks: a TaskStore onChange listener threw: ${(error as Error)?.message ?? String(error)}`,
          'TaskStoreListenerWarning',
        );
      }
    }
  }
}
