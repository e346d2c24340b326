import {
  ListAgentsQuery,
  RequestStatus,
  RequestType,
} from '@mandate/plugin-agents-common';
import {
  Decision,
  NewRequest,
  ReviewSubmission,
} from '../workflows/Governance';

// Shapes of validated requests; src/schema/openapi.yaml is their source of truth, and the
// validator has checked them before a handler sees them.

export type PageParams = { limit?: number; offset?: number };

/** Query of the estate list, as validated against the OpenAPI document. */
export type AgentListParams = PageParams &
  Omit<ListAgentsQuery, 'limit' | 'offset'> & { maturityBelow?: number };

export type RequestListParams = PageParams & {
  agentRef?: string;
  status?: RequestStatus;
  assignedToMe?: boolean;
};

export type FindingParams = PageParams & {
  agentRef?: string;
  type?: string;
  severity?: string;
  status?: 'open' | 'resolved';
};

export type FileRequestBody = {
  agentRef: string;
  type: RequestType;
  reason: string;
  idempotencyKey?: string;
  payload?: NewRequest['payload'];
};

export type DecisionBody = Decision;
export type ReviewSubmissionBody = ReviewSubmission;
