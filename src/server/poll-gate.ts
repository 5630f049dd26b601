/**
 * When a waiter on a shared store must re-read it: a change made by another process reaches this
 * one only by reading, unless the store pushes such changes (contract: `pushesRemoteChanges`,
 * `changeFeedEpoch`). Then: no reads while the change feed stays live; a read at every tick
 * while it is down; and one read after it came back, since writes made meanwhile were not pushed.
 */
import type { TaskStore } from '../contract.js';

/** A check for each poll tick of one waiter: true when this tick must read the store. */
export function pollGate(store: TaskStore): () => boolean {
  if (store.capabilities.pushesRemoteChanges !== true || typeof store.changeFeedEpoch !== 'function') return () => true;
  let seen = store.changeFeedEpoch();
  return () => {
    const now = store.changeFeedEpoch!();
    const mustRead = now === undefined || now !== seen;
    seen = now;
    return mustRead;
  };
}
