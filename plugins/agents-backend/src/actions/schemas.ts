import {
  AgentScope,
  Finding,
  GovernanceRequest,
  REQUEST_TYPES,
  RequestType,
  ScopeChange,
} from '@mandate/plugin-agents-common';
import { AGENT_REF_HINT, Zod } from './input';

// The zod schemas the actions share: each mirrors the REST API's type of the same name
// (src/schema/openapi.yaml), so that what an action takes and gives reads like the API.

const ACCESS = ['read', 'write', 'destructive'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const REQUEST_STATUSES = [
  'pending',
  'awaiting-evidence',
  'applied',
  'rejected',
] as const;
const CHANGE_KINDS = [
  'tool-added',
  'tool-removed',
  'access-raised',
  'access-lowered',
  'approval-removed',
  'approval-added',
  'constraints-changed',
  'data-class-added',
  'data-class-removed',
] as const;

export const agentRefInput = (z: Zod) =>
  z.string().min(1).describe(AGENT_REF_HINT);

/** One tool of a scope, as an Agent's manifest declares it. */
export const toolSchema = (z: Zod) =>
  z
    .object({
      name: z
        .string()
        .min(1)
        .max(128)
        .describe('the tool name the gateway reports, such as orders.lookup'),
      api: z
        .string()
        .optional()
        .describe(
          'the API entity that serves the tool, such as api:orders-mcp',
        ),
      access: z
        .enum(ACCESS)
        .describe('what the tool may do: read, write or destructive'),
      dataClasses: z
        .array(z.string())
        .optional()
        .describe(
          "data classes the tool reaches; each one of the scope's dataClasses",
        ),
      approval: z
        .enum(['none', 'human'])
        .optional()
        .describe('human: every call waits for a person to approve it'),
      constraints: z
        .record(z.unknown())
        .optional()
        .describe(
          'limits the gateway enforces, such as { "maxAmountUsd": 200 }',
        ),
    })
    .strict();

/** A whole scope: the tools the agent may call and the data classes it may reach. */
export const scopeSchema = (z: Zod) =>
  z
    .object({
      dataClasses: z
        .array(z.string())
        .describe('every data class the agent may reach, such as customer-pii'),
      tools: z
        .array(toolSchema(z))
        .describe('every tool the agent may call; a tool left out is denied'),
    })
    .strict();

/** A scope as the actions give it back: exactly what a scope change takes. */
export function scopeOutput(scope: AgentScope): AgentScope {
  return {
    dataClasses: [...scope.dataClasses],
    tools: scope.tools.map(tool => ({
      name: tool.name,
      ...(tool.api ? { api: tool.api } : {}),
      access: tool.access,
      ...(tool.dataClasses ? { dataClasses: [...tool.dataClasses] } : {}),
      ...(tool.approval ? { approval: tool.approval } : {}),
      ...(tool.constraints ? { constraints: tool.constraints } : {}),
    })),
  };
}

export const scopeChangeSchema = (z: Zod) =>
  z
    .object({
      kind: z.enum(CHANGE_KINDS),
      tool: z.string().optional(),
      access: z.enum(ACCESS).optional(),
      from: z.enum(ACCESS).optional(),
      to: z.enum(ACCESS).optional(),
      dataClass: z.string().optional(),
    })
    .describe('one difference from the approved scope');

function changeOutput(change: ScopeChange) {
  return { ...change };
}

/** A request as the actions give it back: the API's Request without its payload. */
export const requestSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    agentRef: z.string(),
    type: z.enum([...REQUEST_TYPES] as [RequestType, ...RequestType[]]),
    status: z
      .enum(REQUEST_STATUSES)
      .describe(
        'pending: awaits a decision; awaiting-evidence: approved, waiting for the enforcement layer; applied; rejected',
      ),
    requesterRef: z.string(),
    assigneeRef: z
      .string()
      .optional()
      .describe('who decides a pending request'),
    reason: z.string(),
    changes: z.array(scopeChangeSchema(z)).optional(),
    decision: z.enum(['approve', 'reject']).optional(),
    deciderRef: z.string().optional(),
    decisionReason: z.string().optional(),
    createdAt: z.string(),
    decidedAt: z.string().optional(),
    appliedAt: z.string().optional(),
  });

export function requestOutput(request: GovernanceRequest) {
  return {
    id: request.id,
    agentRef: request.agentRef,
    type: request.type,
    status: request.status,
    requesterRef: request.requesterRef,
    ...(request.assigneeRef ? { assigneeRef: request.assigneeRef } : {}),
    reason: request.reason,
    ...(request.changes ? { changes: request.changes.map(changeOutput) } : {}),
    ...(request.decision ? { decision: request.decision } : {}),
    ...(request.deciderRef ? { deciderRef: request.deciderRef } : {}),
    ...(request.decisionReason
      ? { decisionReason: request.decisionReason }
      : {}),
    createdAt: request.createdAt,
    ...(request.decidedAt ? { decidedAt: request.decidedAt } : {}),
    ...(request.appliedAt ? { appliedAt: request.appliedAt } : {}),
  };
}

export const findingSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    agentRef: z
      .string()
      .optional()
      .describe(
        'absent for an identity that matches no agent (a shadow agent)',
      ),
    subject: z.string().describe('the agent ref or the unknown identity'),
    type: z
      .string()
      .describe('such as tool-outside-scope, review-overdue, shadow-agent'),
    severity: z.enum(SEVERITIES),
    status: z.enum(['open', 'resolved']),
    message: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    evidence: z.record(z.unknown()),
  });

export function findingOutput(finding: Finding) {
  return { ...finding };
}

export { SEVERITIES as FINDING_SEVERITIES };
