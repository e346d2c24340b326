import { MANDATE_ATTRIBUTES as M } from '@mandate/plugin-agents-common';
import {
  Attributes,
  SpanKind,
  SpanStatusCode,
  Tracer,
} from '@opentelemetry/api';
import { ToolCallDecision } from '../decide/decideToolCall';

/** A short-lived grant an enforcement point opened for a call. @public */
export interface CallGrant {
  id: string;
  tool: string;
  scope?: string;
  issuedAt: string;
  expiresAt: string;
  onBehalfOf?: string;
}

/** What happened to one tool call, for its span. @public */
export interface ToolCallReport {
  agentRef: string;
  identity: string;
  agentName?: string;
  tool: string;
  decision: ToolCallDecision;
  /** The MCP method, `tools/call` for tool calls. */
  mcpMethod?: string;
  grant?: CallGrant;
  /** The error the upstream answered, when it failed. */
  errorType?: string;
  startedAt: Date;
  endedAt: Date;
}

/** The Mandate policy decision as its span states it. */
const DECISION: Record<ToolCallDecision['decision'], string> = {
  allow: 'allow',
  deny: 'deny',
  'approval-required': 'approval_required',
};

/**
 * The span attributes of one tool call: GenAI conventions and Mandate's own.
 * @public
 */
export function toolCallAttributes(report: ToolCallReport): Attributes {
  const { decision, grant } = report;
  return {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': report.tool,
    'gen_ai.agent.id': report.identity,
    ...(report.agentName ? { 'gen_ai.agent.name': report.agentName } : {}),
    'mcp.method.name': report.mcpMethod ?? 'tools/call',
    [M.policyDecision]: DECISION[decision.decision],
    ...(decision.ruleId ? { [M.policyRuleId]: decision.ruleId } : {}),
    ...(grant
      ? {
          [M.grantId]: grant.id,
          [M.grantTool]: grant.tool,
          ...(grant.scope ? { [M.grantScope]: grant.scope } : {}),
          [M.grantIssuedAt]: grant.issuedAt,
          [M.grantExpiresAt]: grant.expiresAt,
          ...(grant.onBehalfOf
            ? { [M.grantOnBehalfOf]: grant.onBehalfOf }
            : {}),
        }
      : {}),
    ...(decision.decision === 'deny' ? { 'error.type': decision.code } : {}),
    ...(report.errorType ? { 'error.type': report.errorType } : {}),
  };
}

/**
 * Reports a tool call as an `execute_tool` span (kind SERVER) with the GenAI attributes and
 * Mandate's policy and grant attributes; export it to Mandate's OTLP receiver.
 * @public
 */
export function reportToolCall(tracer: Tracer, report: ToolCallReport): void {
  const span = tracer.startSpan(`execute_tool ${report.tool}`, {
    kind: SpanKind.SERVER,
    startTime: report.startedAt,
    attributes: toolCallAttributes(report),
  });
  if (report.decision.decision === 'deny' || report.errorType) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message:
        report.decision.decision === 'deny'
          ? report.decision.message
          : report.errorType,
    });
  }
  span.end(report.endedAt);
}
