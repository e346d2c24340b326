import {
  AgentGrant,
  MANDATE_ATTRIBUTES as M,
  PolicyDecision,
  TelemetryBatch,
  TelemetryEvent,
} from '@mandate/plugin-agents-node';
import { identityKeyOf } from '../../domain/identity';
import { OtlpSpan } from './decodeTraces';

/** OpenTelemetry GenAI semantic-convention attributes that Mandate reads. */
const GEN_AI = {
  operation: 'gen_ai.operation.name',
  agentId: 'gen_ai.agent.id',
  agentName: 'gen_ai.agent.name',
  tool: 'gen_ai.tool.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  errorType: 'error.type',
  mcpMethod: 'mcp.method.name',
} as const;

const OPERATIONS = ['execute_tool', 'invoke_agent'] as const;
const DECISIONS: PolicyDecision[] = ['allow', 'deny', 'require-approval'];
const TIERS = ['frontier', 'standard', 'small'] as const;
const STATUS_ERROR = 2;

/** A span Mandate could not use, and why (reported as OTLP partial success). */
export interface RejectedSpan {
  path: string;
  reason: string;
}

class SpanProblem extends Error {}

function reader(span: OtlpSpan) {
  const raw = (key: string) => span.attributes.get(key);
  const text = (key: string): string | undefined => {
    const value = raw(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string')
      throw new SpanProblem(`${key} must be a string`);
    return value;
  };
  const count = (key: string): number | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new SpanProblem(`${key} must be a non-negative integer`);
    }
    return value;
  };
  const amount = (key: string): number | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new SpanProblem(`${key} must be a non-negative number`);
    }
    return value;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]) => {
    const value = text(key);
    if (value !== undefined && !allowed.includes(value as T)) {
      throw new SpanProblem(
        `${key} must be one of ${allowed.join(', ')}; got "${value}"`,
      );
    }
    return value as T | undefined;
  };
  const timestamp = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      throw new SpanProblem(
        `${key} must be an ISO-8601 timestamp such as 2025-01-31T10:00:00Z; got "${value}"`,
      );
    }
    return new Date(ms).toISOString();
  };
  return { text, count, amount, oneOf, timestamp };
}

const nanosToIso = (ns: bigint) =>
  new Date(Number(ns / 1_000_000n)).toISOString();

/** The grant a span announces, when it carries a grant's issue, expiry or revocation. */
function grantOf(
  span: OtlpSpan,
  read: ReturnType<typeof reader>,
  identityKey: string,
  tool: string | undefined,
): AgentGrant | undefined {
  const id = read.text(M.grantId);
  const issuedAt = read.timestamp(M.grantIssuedAt);
  const expiresAt = read.timestamp(M.grantExpiresAt);
  const revokedAt = read.timestamp(M.grantRevokedAt);
  if (!id || (!issuedAt && !expiresAt && !revokedAt)) return undefined;
  const grantTool = read.text(M.grantTool) ?? tool;
  if (!grantTool) {
    throw new SpanProblem(
      `${M.grantTool} is required on a span that reports grant ${id} (the tool or resource it opens)`,
    );
  }
  return {
    id,
    agentIdentityId: identityKey,
    tool: grantTool,
    scope: read.text(M.grantScope),
    issuedAt: issuedAt ?? nanosToIso(span.startTimeUnixNano),
    expiresAt,
    revokedAt,
    onBehalfOf: read.text(M.grantOnBehalfOf),
  };
}

function mapSpan(span: OtlpSpan): {
  event?: TelemetryEvent;
  grant?: AgentGrant;
} {
  const read = reader(span);
  const operation = read.text(GEN_AI.operation);
  const announcesGrant = Boolean(read.text(M.grantId));
  if (!OPERATIONS.includes(operation as any) && !announcesGrant) {
    throw new SpanProblem(
      operation
        ? `${GEN_AI.operation} "${operation}" is not one Mandate keeps (execute_tool, invoke_agent)`
        : `not a GenAI agent span: ${GEN_AI.operation} is missing and no ${M.grantId} is set`,
    );
  }
  const identity = {
    agentIdentityId: read.text(GEN_AI.agentId),
    agentName: read.text(GEN_AI.agentName),
  };
  const identityKey = identityKeyOf(identity);
  if (!identityKey) {
    throw new SpanProblem(
      `${GEN_AI.agentId} (or at least ${GEN_AI.agentName}) is required to tell which agent acted`,
    );
  }
  const tool = read.text(GEN_AI.tool);
  if (operation === 'execute_tool' && !tool) {
    throw new SpanProblem(`${GEN_AI.tool} is required for execute_tool spans`);
  }
  if (!span.traceId || !span.spanId) {
    throw new SpanProblem('traceId and spanId are required');
  }
  if (span.startTimeUnixNano <= 0n) {
    throw new SpanProblem('startTimeUnixNano is required');
  }
  const grant = grantOf(span, read, identityKey, tool);
  if (!OPERATIONS.includes(operation as any)) return { grant };

  const durationNs = span.endTimeUnixNano - span.startTimeUnixNano;
  const errorType =
    read.text(GEN_AI.errorType) ??
    (span.statusCode === STATUS_ERROR ? '_OTHER' : undefined);
  const event: TelemetryEvent = {
    id: `${span.traceId}:${span.spanId}`,
    operation: operation as TelemetryEvent['operation'],
    ...identity,
    tool,
    mcpMethod: read.text(GEN_AI.mcpMethod),
    requestModel: read.text(GEN_AI.requestModel),
    responseModel: read.text(GEN_AI.responseModel),
    modelTier: read.oneOf(M.modelTier, TIERS),
    inputTokens: read.count(GEN_AI.inputTokens),
    outputTokens: read.count(GEN_AI.outputTokens),
    costUsd: read.amount(M.costUsd),
    startedAt: nanosToIso(span.startTimeUnixNano),
    durationMs: durationNs > 0n ? Number(durationNs) / 1e6 : 0,
    errorType,
    decision: read.oneOf(M.policyDecision, DECISIONS),
    ruleId: read.text(M.policyRuleId),
    grantId: read.text(M.grantId),
    onBehalfOf: read.text(M.grantOnBehalfOf),
  };
  return { event, grant };
}

/**
 * Maps spans to telemetry; spans Mandate cannot use are returned with the reason. `pathOf`
 * gives the span path of each event, for reasons reported after ingestion.
 */
export function spansToBatch(spans: OtlpSpan[]): {
  batch: TelemetryBatch;
  rejected: RejectedSpan[];
  pathOf: Map<string, string>;
} {
  const batch: TelemetryBatch = { events: [], grants: [] };
  const rejected: RejectedSpan[] = [];
  const pathOf = new Map<string, string>();
  for (const span of spans) {
    try {
      const { event, grant } = mapSpan(span);
      if (event) {
        batch.events.push(event);
        pathOf.set(event.id, span.path);
      }
      if (grant) batch.grants.push(grant);
    } catch (error) {
      if (!(error instanceof SpanProblem)) throw error;
      rejected.push({ path: span.path, reason: error.message });
    }
  }
  return { batch, rejected, pathOf };
}
