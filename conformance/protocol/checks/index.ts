/**
 * Every protocol check, in the order they run (one file per area of the check model). Whole-run
 * checks (which judge every Task and notification seen on the wire) come last so they see
 * everything, and server.alive last of all. The order and the ids are part of the product: the JSON report, RULES.md and the
 * defect catalogues name checks by id.
 */
import type { Check } from '../check.js';
import { availabilityChecks } from './availability.js';
import { cancellationChecks } from './cancellation.js';
import { capabilityChecks } from './capabilities.js';
import { creationChecks } from './creation/index.js';
import { errorChecks } from './errors.js';
import { askAgainChecks, inputChecks, inputRedeliveryChecks } from './input-required/index.js';
import { foreignSessionCheck, isolationChecks, notificationOwnerCheck, outlivesSessionCheck } from './isolation/index.js';
import { expirySlotsCheck, limitChecks, operatorLimitChecks } from './limits/index.js';
import { listingChecks } from './listing.js';
import { notificationChecks } from './notifications.js';
import { pollingChecks, pollingFinalChecks, sessionEndCheck } from './polling.js';
import { resultChecks } from './result/index.js';
import { toolSupportChecks } from './tool-support.js';
import { expiryChecks, ttlChecks, ttlFinalChecks } from './ttl-timestamps/index.js';

export const PROTOCOL_CHECKS: readonly Check[] = Object.freeze([
  ...capabilityChecks,
  ...toolSupportChecks,
  ...creationChecks,
  ...pollingChecks,
  ...resultChecks,
  ...listingChecks,
  ...cancellationChecks,
  ...inputChecks,
  ...askAgainChecks,
  ...inputRedeliveryChecks,
  ...ttlChecks,
  ...expiryChecks,
  ...errorChecks,
  ...isolationChecks,
  sessionEndCheck,
  foreignSessionCheck,
  outlivesSessionCheck,
  ...limitChecks,
  expirySlotsCheck,
  ...operatorLimitChecks,
  ...notificationChecks,
  ...pollingFinalChecks,
  ...ttlFinalChecks,
  notificationOwnerCheck,
  // Last: whether the server kept answering is known only when everything else has run.
  ...availabilityChecks,
]);
