/** The requestor checks, in report order (the areas of the shared check model, core/check.ts). */
import type { ClientCheck } from '../check.js';
import { augmentOnlyWhenDeclared } from './capabilities.js';
import { cursorsUntouched } from './listing.js';
import { noRelatedTaskMeta, pollInterval, stopsAtTerminal } from './polling.js';
import {
  receiverCancel,
  receiverCancelTerminal,
  receiverGetTask,
  receiverResult,
  receiverResultBlocks,
  receiverResultMeta,
} from './receiver-tasks.js';
import { receiverCreateTaskResult, receiverInitialWorking, receiverUniqueIds } from './receiver.js';
import { noRelianceOnNotifications, resultOnInputRequired, resultViaTasksResult } from './results.js';

export const CLIENT_CHECKS: readonly ClientCheck[] = [
  augmentOnlyWhenDeclared,
  receiverCreateTaskResult,
  receiverInitialWorking,
  receiverUniqueIds,
  receiverGetTask,
  receiverResultBlocks,
  receiverResult,
  receiverResultMeta,
  receiverCancel,
  receiverCancelTerminal,
  pollInterval,
  stopsAtTerminal,
  noRelatedTaskMeta,
  resultViaTasksResult,
  cursorsUntouched,
  noRelianceOnNotifications,
  resultOnInputRequired,
];
