import {
  MANDATE_ATTRIBUTES as M,
  PolicyDecision,
} from '@mandate/plugin-agents-node';
import { AttributeValue, OtlpSpan } from './decodeTraces';

/** OpenTelemetry GenAI semantic-convention attributes (and older MCP ones) Mandate reads. */
export const GEN_AI = {
  operation: 'gen_ai.operation.name',
  agentId: 'gen_ai.agent.id',
  agentName: 'gen_ai.agent.name',
  tool: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  errorType: 'error.type',
  mcpMethod: 'mcp.method.name',
} as const;

/** Where else the MCP method of a span may be written (older MCP and JSON-RPC fields). */
const MCP_METHOD_KEYS = [GEN_AI.mcpMethod, 'mcp.method', 'rpc.method'];
/** `gen_ai.operation.name` values of a model call, beside configured aliases. */
export const MODEL_OPERATIONS = [
  'chat',
  'generate_content',
  'text_completion',
  'embeddings',
];
const DECISIONS: PolicyDecision[] = ['allow', 'deny', 'require-approval'];
const TIERS = ['frontier', 'standard', 'small'] as const;
const STATUS_ERROR = 2;

/** A span Mandate cannot use, and why (reported as OTLP partial success). */
export class SpanProblem extends Error {}

/** An agent as one span names it. */
export interface NamedAgent {
  id?: string;
  name?: string;
}

/** What a span is to Mandate: the call it reports, and who it says acted. */
export interface SpanFacts {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  /** Where it sat in its request, for messages. */
  path: string;
  /** tool: a tool call; model: a model call; agent: an agent invocation; undefined: neither. */
  role?: 'tool' | 'model' | 'agent';
  /** A `tools/call` seen by an MCP client or server: often a child of the framework's own tool span. */
  mcpLevel?: boolean;
  tool?: string;
  toolCallId?: string;
  /** The agent the span names itself (its own attributes, or baggage copied onto it). */
  agent?: NamedAgent;
  /** The agent its resource names. */
  resourceAgent?: NamedAgent;
  /** The agent W3C baggage names, where a processor copied it under `baggage.` keys. */
  baggageAgent?: NamedAgent;
  /** The identity a configured mapping rule gives (jwt.sub, src.identity, …). */
  mappedIdentity?: string;
  requestModel?: string;
  responseModel?: string;
  modelTier?: 'frontier' | 'standard' | 'small';
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  startedAt: string;
  durationMs: number;
  errorType?: string;
  decision?: PolicyDecision;
  ruleId?: string;
  grantId?: string;
  onBehalfOf?: string;
  mcpMethod?: string;
  /** A credential grant the span announces (issued, expiring or revoked). */
  grant?: {
    id: string;
    tool: string;
    scope?: string;
    issuedAt: string;
    expiresAt?: string;
    revokedAt?: string;
    onBehalfOf?: string;
  };
}

function reader(attributes: Map<string, AttributeValue>) {
  const text = (key: string): string | undefined => {
    const value = attributes.get(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string')
      throw new SpanProblem(`${key} must be a string`);
    return value;
  };
  /** A string if the attribute is one, else nothing (for fields producers fill loosely). */
  const loose = (key: string): string | undefined => {
    const value = attributes.get(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const count = (key: string): number | undefined => {
    const value = attributes.get(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new SpanProblem(`${key} must be a non-negative integer`);
    }
    return value;
  };
  const amount = (key: string): number | undefined => {
    const value = attributes.get(key);
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
  return { text, loose, count, amount, oneOf, timestamp };
}

const nanosToIso = (ns: bigint) =>
  new Date(Number(ns / 1_000_000n)).toISOString();

function agentOf(
  attributes: Map<string, AttributeValue>,
  prefix = '',
): NamedAgent | undefined {
  const read = reader(attributes);
  const id = read.loose(`${prefix}${GEN_AI.agentId}`);
  const name = read.loose(`${prefix}${GEN_AI.agentName}`);
  return id || name
    ? { ...(id ? { id } : {}), ...(name ? { name } : {}) }
    : undefined;
}

/** The JSON-RPC request an MCP span may carry whole (`request`), as a map or a JSON string. */
function jsonRpcRequest(
  value: AttributeValue | undefined,
): { method?: unknown; params?: { name?: unknown } } | undefined {
  if (typeof value !== 'string') return value as any;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function requestParamsName(
  value: AttributeValue | undefined,
): string | undefined {
  const name = jsonRpcRequest(value)?.params?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The MCP method of a span: from its attributes, its JSON-RPC request, or its name. */
function mcpMethodOf(span: OtlpSpan, read: ReturnType<typeof reader>) {
  const attribute = MCP_METHOD_KEYS.map(k => read.loose(k)).find(Boolean);
  if (attribute) return attribute;
  const method = jsonRpcRequest(span.attributes.get('request'))?.method;
  if (typeof method === 'string') return method;
  return /(^|\s)tools\/call(\s|$)/.test(span.name) ? 'tools/call' : undefined;
}

/** The tool an MCP `tools/call` span is about, wherever its producer wrote the name. */
function mcpToolName(span: OtlpSpan, read: ReturnType<typeof reader>) {
  if (read.loose('mcp.resource.type') === 'tool') {
    const name = read.loose('mcp.resource.name');
    if (name) return name;
  }
  const fromName = /tools\/call\s+(\S+)\s*$/.exec(span.name)?.[1];
  if (fromName && !fromName.includes('{')) return fromName;
  return requestParamsName(span.attributes.get('request'));
}

/** What role a span plays, from its operation, its MCP method and (for older producers) its name. */
function roleOf(
  span: OtlpSpan,
  operation: string | undefined,
  mcpMethod: string | undefined,
  modelOperations: readonly string[],
  hasToolName: boolean,
): SpanFacts['role'] {
  if (operation === 'execute_tool' || mcpMethod === 'tools/call') return 'tool';
  if (operation === 'invoke_agent') return 'agent';
  if (operation && modelOperations.includes(operation)) return 'model';
  if (!operation) {
    // Producers that predate gen_ai.operation.name name the operation in the span name.
    if (hasToolName && span.name.startsWith('execute_tool')) return 'tool';
    if (span.name.startsWith('invoke_agent')) return 'agent';
  }
  return undefined;
}

/**
 * Reads what a span reports. Spans that are neither a tool call, a model call, an agent
 * invocation nor a grant come back without a role: they only link a trace together.
 * A GenAI span with a malformed attribute throws {@link SpanProblem}.
 */
/**
 * Text with a NUL character can be no tool, agent or model name, and PostgreSQL cannot
 * store it: such a span is refused, naming the attribute.
 */
function refuseNulCharacters(span: OtlpSpan) {
  if (span.name.includes('\u0000')) {
    throw new SpanProblem('name must not contain NUL (\\u0000) characters');
  }
  for (const [where, attributes] of [
    ['', span.attributes],
    ['resource ', span.resource],
  ] as const) {
    for (const [key, value] of attributes) {
      if (
        key.includes('\u0000') ||
        (typeof value === 'string' && value.includes('\u0000'))
      ) {
        throw new SpanProblem(
          `${where}attribute ${JSON.stringify(
            key,
          )} must not contain NUL (\\u0000) characters`,
        );
      }
    }
  }
}

export function classifySpan(
  span: OtlpSpan,
  options: {
    modelOperations: readonly string[];
    mappedIdentity?: (span: OtlpSpan) => string | undefined;
  },
): SpanFacts {
  refuseNulCharacters(span);
  const read = reader(span.attributes);
  const operation = read.loose(GEN_AI.operation);
  const mcpMethod = mcpMethodOf(span, read);
  const toolAttribute = read.text(GEN_AI.tool);
  const role = roleOf(
    span,
    operation,
    mcpMethod,
    options.modelOperations,
    Boolean(toolAttribute),
  );
  const facts: SpanFacts = {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    path: span.path,
    startedAt: nanosToIso(span.startTimeUnixNano),
    durationMs: 0,
  };
  const grant = grantOf(span, read, toolAttribute);
  if (!role && !grant) return facts;
  if (!span.traceId || !span.spanId) {
    throw new SpanProblem('traceId and spanId are required');
  }
  if (span.startTimeUnixNano <= 0n) {
    throw new SpanProblem('startTimeUnixNano is required');
  }
  const tool =
    role === 'tool' ? toolAttribute ?? mcpToolName(span, read) : toolAttribute;
  if (role === 'tool' && !tool) {
    throw new SpanProblem(
      operation === 'execute_tool'
        ? `${GEN_AI.tool} is required for execute_tool spans`
        : `a tools/call span must name its tool (${GEN_AI.tool}); none was found`,
    );
  }
  const durationNs = span.endTimeUnixNano - span.startTimeUnixNano;
  const resourceAgent = agentOf(span.resource);
  const baggageAgent = agentOf(span.attributes, 'baggage.');
  const mappedIdentity = options.mappedIdentity?.(span);
  return {
    ...facts,
    role,
    ...(role === 'tool' && mcpMethod === 'tools/call'
      ? { mcpLevel: true }
      : {}),
    tool,
    toolCallId: read.loose(GEN_AI.toolCallId),
    agent: agentOf(span.attributes),
    ...(resourceAgent ? { resourceAgent } : {}),
    ...(baggageAgent ? { baggageAgent } : {}),
    ...(mappedIdentity ? { mappedIdentity } : {}),
    requestModel: read.text(GEN_AI.requestModel),
    responseModel: read.text(GEN_AI.responseModel),
    modelTier: read.oneOf(M.modelTier, TIERS),
    inputTokens: read.count(GEN_AI.inputTokens),
    outputTokens: read.count(GEN_AI.outputTokens),
    costUsd: read.amount(M.costUsd),
    durationMs: durationNs > 0n ? Number(durationNs) / 1e6 : 0,
    errorType:
      read.text(GEN_AI.errorType) ??
      (span.statusCode === STATUS_ERROR ? '_OTHER' : undefined),
    decision: read.oneOf(M.policyDecision, DECISIONS),
    ruleId: read.text(M.policyRuleId),
    grantId: read.text(M.grantId),
    onBehalfOf: read.text(M.grantOnBehalfOf),
    mcpMethod,
    ...(grant ? { grant } : {}),
  };
}

/** The grant a span announces, when it carries a grant's issue, expiry or revocation. */
function grantOf(
  span: OtlpSpan,
  read: ReturnType<typeof reader>,
  tool: string | undefined,
): SpanFacts['grant'] {
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
    tool: grantTool,
    scope: read.text(M.grantScope),
    issuedAt: issuedAt ?? nanosToIso(span.startTimeUnixNano),
    expiresAt,
    revokedAt,
    onBehalfOf: read.text(M.grantOnBehalfOf),
  };
}
