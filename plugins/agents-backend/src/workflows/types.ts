import { InputError } from '@backstage/errors';
import {
  FileRequestBody,
  OperationBody,
  parseInputRef,
} from '@mandate/plugin-agents-common';
import { GovernanceNotification } from './Notifier';

/** Who acts: a user (with the groups they belong to) or Mandate itself. */
export interface Actor {
  ref: string;
  /** The actor's ownership refs: their user ref and groups. */
  claims: readonly string[];
}

/** Mandate's own jobs appear in the audit trail under these actors. */
export const SYSTEM_ACTORS = {
  catalogSync: 'mandate:catalog-sync',
  reviewScheduler: 'mandate:review-scheduler',
  decommissionChecker: 'mandate:decommission-checker',
  approvalExpiry: 'mandate:approval-expiry',
} as const;

// What the workflows are asked to do: the API's request bodies (src/schema/openapi.yaml).
type RequestPayload = NonNullable<FileRequestBody['payload']>;

/**
 * A request to file: the API's body, with the payload (optional in the API) defaulted to
 * `{}`. The entity may be any value, as the commission validates it; so an
 * AgentEntityV1alpha1 (an interface, which the API's free-form object does not take) fits.
 */
export type NewRequest = Omit<FileRequestBody, 'payload'> & {
  payload: Omit<RequestPayload, 'entity'> & { entity?: unknown };
};

export type Decision = OperationBody<'DecideRequest'>;

export type ReviewSubmission = OperationBody<'SubmitReview'>;

/** Notifications are sent after the transaction that caused them commits. */
export type Outbox = Array<{
  to: string[];
  notification: GovernanceNotification;
}>;

/** A bad input, named by its field. */
export function invalid(field: string, message: string): InputError {
  return new InputError(`${field}: ${message}`);
}

/** A group or user ref as written by a person, in full form; refuses other kinds. */
export function resolveOwnerRef(ref: string, field: string): string {
  return parseInputRef(ref, { field, kinds: ['group', 'user'] });
}
