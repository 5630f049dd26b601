/**
 * Every protocol check, in the order they run. Whole-run checks (which judge every Task and
 * notification seen on the wire) come last so they see everything.
 */
import type { Check } from '../check.js';
import { cancellationChecks } from './cancellation.js';
import { capabilityChecks } from './capabilities.js';
import { creationChecks } from './creation.js';
import { errorChecks } from './errors.js';
import { inputChecks } from './input-required.js';
import { isolationChecks } from './isolation.js';
import { limitChecks } from './limits.js';
import { listingChecks } from './listing.js';
import { notificationChecks } from './notifications.js';
import { pollingChecks, pollingFinalChecks } from './polling.js';
import { resultChecks } from './result.js';
import { toolSupportChecks } from './tool-support.js';
import { ttlChecks, ttlFinalChecks } from './ttl-timestamps.js';
import { cancelDefiantChecks } from './cancel-defiant.js';
import { createResultChecks } from './create-result.js';
import { inputLeaveChecks } from './input-leave.js';
import { inputRedeliveryChecks } from './input-redelivery.js';
import { lateProgressChecks } from './late-progress.js';
import { notifyStateChecks } from './notify-state.js';
import { resultErrorMetaChecks } from './result-error-meta.js';
import { toolBehaviourChecks } from './tool-behaviour.js';
import { valuesOverTimeChecks } from './values-over-time.js';

export const PROTOCOL_CHECKS: readonly Check[] = Object.freeze([
  ...capabilityChecks,
  ...toolSupportChecks,
  ...toolBehaviourChecks,
  ...creationChecks,
  ...createResultChecks,
  ...lateProgressChecks,
  ...pollingChecks,
  ...resultChecks,
  ...resultErrorMetaChecks,
  ...listingChecks,
  ...cancellationChecks,
  ...cancelDefiantChecks,
  ...inputChecks,
  ...inputLeaveChecks,
  ...inputRedeliveryChecks,
  ...ttlChecks,
  ...errorChecks,
  ...isolationChecks,
  ...limitChecks,
  ...notificationChecks,
  ...notifyStateChecks,
  ...pollingFinalChecks,
  ...ttlFinalChecks,
  ...valuesOverTimeChecks,
]);
