import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AgentScope, RequestType } from '@mandate/plugin-agents-common';
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
} as const;

export interface NewRequest {
  agentRef: string;
  type: RequestType;
  reason: string;
  idempotencyKey?: string;
  payload: {
    entity?: unknown;
    scope?: AgentScope;
    newOwner?: string;
    attestation?: string;
  };
}

export interface Decision {
  decision: 'approve' | 'reject';
  reason: string;
  newOwner?: string;
}

export interface ReviewSubmission {
  decisions: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
  attestation: string;
}

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
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!['group', 'user'].includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      throw new Error('kind');
    }
    return stringifyEntityRef(parsed);
  } catch {
    throw invalid(
      field,
      `"${ref}" is not a group or user ref; write it as group:<name> or user:<name>`,
    );
  }
}
