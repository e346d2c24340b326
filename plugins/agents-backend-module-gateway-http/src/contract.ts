import {
  AgentGrant,
  ProviderHealth,
  TelemetryEvent,
} from '@mandate/plugin-agents-node';
import { Fields, MalformedResponseError, compact } from './fields';

/*
 * The response bodies of the gateway HTTP contract (docs/gateway-http-contract.md), read
 * field by field: a body that breaks the contract throws naming the field, and nothing of
 * it is used.
 */

/** `GET /mandate/v1/telemetry`. */
export interface TelemetryResponse {
  events: TelemetryEvent[];
  grants: AgentGrant[];
  nextCursor?: string;
  hasMore: boolean;
}

/** `POST /mandate/v1/agents/{id}/suspend` and `/resume`. */
export interface ContainmentResponse {
  revokedGrantIds: string[];
  message?: string;
}

const OPERATIONS = ['execute_tool', 'invoke_agent'] as const;
const TIERS = ['frontier', 'standard', 'small'] as const;
const DECISIONS = ['allow', 'deny', 'require-approval'] as const;
const HEALTH = ['ok', 'degraded', 'down'] as const;

export function readTelemetryEvent(
  value: unknown,
  path: string,
): TelemetryEvent {
  const f = new Fields(value, path);
  const operation = f.oneOf('operation', OPERATIONS);
  const event: TelemetryEvent = compact({
    id: f.string('id'),
    operation,
    agentIdentityId: f.optionalString('agentIdentityId'),
    agentName: f.optionalString('agentName'),
    tool:
      operation === 'execute_tool'
        ? f.string('tool')
        : f.optionalString('tool'),
    mcpMethod: f.optionalString('mcpMethod'),
    requestModel: f.optionalString('requestModel'),
    responseModel: f.optionalString('responseModel'),
    modelTier: f.optionalOneOf('modelTier', TIERS),
    inputTokens: f.optionalCount('inputTokens'),
    outputTokens: f.optionalCount('outputTokens'),
    costUsd: f.optionalNumber('costUsd'),
    startedAt: f.timestamp('startedAt'),
    durationMs: f.number('durationMs'),
    errorType: f.optionalString('errorType'),
    decision: f.optionalOneOf('decision', DECISIONS),
    ruleId: f.optionalString('ruleId'),
    grantId: f.optionalString('grantId'),
    onBehalfOf: f.optionalString('onBehalfOf'),
  });
  if (!event.agentIdentityId && !event.agentName) {
    throw new MalformedResponseError(
      `${path} names no agent; set agentIdentityId (or at least agentName)`,
    );
  }
  return event;
}

export function readAgentGrant(value: unknown, path: string): AgentGrant {
  const f = new Fields(value, path);
  return compact({
    id: f.string('id'),
    agentIdentityId: f.string('agentIdentityId'),
    tool: f.string('tool'),
    scope: f.optionalString('scope'),
    issuedAt: f.timestamp('issuedAt'),
    expiresAt: f.optionalTimestamp('expiresAt'),
    revokedAt: f.optionalTimestamp('revokedAt'),
    onBehalfOf: f.optionalString('onBehalfOf'),
  });
}

export function readTelemetryResponse(body: unknown): TelemetryResponse {
  const f = new Fields(body, '');
  const response: TelemetryResponse = compact({
    events: f.array('events', readTelemetryEvent),
    grants: f.array('grants', readAgentGrant),
    nextCursor: f.optionalString('nextCursor'),
    hasMore: f.boolean('hasMore'),
  });
  if (response.hasMore && !response.nextCursor) {
    throw new MalformedResponseError(
      'hasMore is true but nextCursor is missing; a page with more to come must say where to continue',
    );
  }
  return response;
}

export function readGrantsResponse(body: unknown): AgentGrant[] {
  return new Fields(body, '').array('grants', readAgentGrant);
}

export function readContainmentResponse(body: unknown): ContainmentResponse {
  const f = new Fields(body, '');
  return compact({
    revokedGrantIds: f.array('revokedGrantIds', (value, path) => {
      if (typeof value !== 'string' || value === '') {
        throw new MalformedResponseError(`${path} must be a non-empty string`);
      }
      return value;
    }),
    message: f.optionalString('message'),
  });
}

export function readHealthResponse(body: unknown): ProviderHealth {
  const f = new Fields(body, '');
  return compact({
    status: f.oneOf('status', HEALTH),
    message: f.optionalString('message'),
    lastDataAt: f.optionalTimestamp('lastDataAt'),
  });
}
