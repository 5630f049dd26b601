/** The requestor checks, in report order (areas as in the protocol kit). */
import type { ClientCheck } from '../check.js';
import { augmentOnlyWhenDeclared } from './capabilities.js';
import { cursorsUntouched } from './listing.js';
import { noRelatedTaskMeta, pollInterval, stopsAtTerminal } from './polling.js';
import { receiverTasks } from './receiver.js';
import { noRelianceOnNotifications, resultOnInputRequired, resultViaTasksResult } from './results.js';

export const CLIENT_CHECKS: readonly ClientCheck[] = [
  augmentOnlyWhenDeclared,
  receiverTasks,
  pollInterval,
  stopsAtTerminal,
  noRelatedTaskMeta,
  resultViaTasksResult,
  cursorsUntouched,
  noRelianceOnNotifications,
  resultOnInputRequired,
];
