/**
 * `measureStore(store, metrics)`: the same store, each operation timed
 * (`mcp_tasks_store_operation_seconds{store, operation}`) and each failure counted by its code
 * (`mcp_tasks_store_errors_total`). A wrapper, not a hook in `BaseTaskStore`, so it measures any
 * `TaskStore` (also one that does not extend the base) and costs nothing when not used. Optional
 * members (`renewLease`, `takeOverLease`, `changeFeedEpoch`, `interestIn`, `clock`) exist on the wrapper only
 * when the store has them, since callers test for them.
 */
import type { TaskStore } from '../contract.js';
import { isTasksError } from '../errors/index.js';
import { ChildCache, type CounterChild, type HistogramChild, type TasksMetrics } from './metrics.js';
import { secondsSince, startMark } from './stopwatch.js';

/** The operations measured (every I/O member of the contract). */
export const STORE_OPERATIONS = [
  'create',
  'get',
  'updateStatus',
  'setVariables',
  'complete',
  'getResult',
  'list',
  'cancel',
  'renewLease',
  'input',
  'takeOverLease',
  'cleanup',
] as const;

type Operation = (typeof STORE_OPERATIONS)[number];

export interface MeasureStoreOptions {
  /** The `store` label (default: from the class name, e.g. `InMemoryTaskStore` -> `memory`). */
  name?: string;
}

/** `store` with every operation measured into `metrics`. */
export function measureStore<S extends TaskStore>(store: S, metrics: TasksMetrics, options: MeasureStoreOptions = {}): TaskStore {
  const name = options.name ?? storeName(store);
  const measured: { -readonly [K in keyof TaskStore]?: TaskStore[K] } = {
    security: store.security,
    capabilities: store.capabilities,
    onChange: (listener) => store.onChange(listener),
    close: () => store.close(),
  };
  if (store.clock !== undefined) measured.clock = store.clock;
  if (typeof store.changeFeedEpoch === 'function') measured.changeFeedEpoch = () => store.changeFeedEpoch!();
  if (typeof store.interestIn === 'function') measured.interestIn = (wants) => store.interestIn!(wants);
  for (const operation of STORE_OPERATIONS) {
    const method = store[operation] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    const latency = metrics.histogram('mcp_tasks_store_operation_seconds', { store: name, operation });
    const errors = new ChildCache((code) => metrics.counter('mcp_tasks_store_errors_total', { store: name, operation, code }));
    (measured as Record<Operation, unknown>)[operation] = timed(method.bind(store), latency, errors);
  }
  return measured as TaskStore;
}

function timed(
  method: (...args: unknown[]) => Promise<unknown>,
  latency: HistogramChild,
  errors: ChildCache<CounterChild>,
): (...args: unknown[]) => Promise<unknown> {
  return (...args) => {
    const mark = startMark();
    // then() rather than async/await: one reaction instead of an extra async frame per call.
    return method(...args).then(
      (value) => {
        latency.observe(secondsSince(mark));
        return value;
      },
      (error: unknown) => {
        latency.observe(secondsSince(mark));
        errors.of(isTasksError(error) ? error.code : 'OTHER').add();
        throw error;
      },
    );
  };
}

/** `InMemoryTaskStore` -> `memory`, `DynamoDbTaskStore` -> `dynamodb`, `PostgresTaskStore` -> `postgres`. */
function storeName(store: TaskStore): string {
  const cls = (store as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof cls !== 'string' || cls === 'Object') return 'store';
  return (
    cls
      .replace(/TaskStore$/, '')
      .replace(/^InMemory$/, 'memory')
      .toLowerCase() || 'store'
  );
}
