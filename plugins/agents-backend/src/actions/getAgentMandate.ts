import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentDetail, agentPagePath } from '@mandate/plugin-agents-common';
import { AgentsContext } from '../context';
import { EffectivePolicy } from '../policy/effectivePolicy';
import { agentDetail } from '../views/agentDetail';
import { agentPolicy } from '../views/agentPolicy';
import { agentRefOf, checkedInput, validInput } from './input';
import {
  FINDING_SEVERITIES,
  agentRefInput,
  requestOutput,
  requestSchema,
  scopeChangeSchema,
  scopeOutput,
  scopeSchema,
} from './schemas';

const OPEN = ['pending', 'awaiting-evidence'];

/** The mandate: what the agent may do and how its governance stands, from its detail. */
function mandateOf(detail: AgentDetail, policy: EffectivePolicy) {
  const approved = detail.approvedScope;
  return {
    agentRef: detail.entityRef,
    ...(detail.title ? { title: detail.title } : {}),
    state: detail.state,
    inCatalog: detail.inCatalog,
    ownerRef: detail.ownerRef,
    ...(detail.sponsorRef ? { sponsorRef: detail.sponsorRef } : {}),
    identity: detail.identityId,
    ...(detail.modelTier ? { modelTier: detail.modelTier } : {}),
    approvedScope: approved ? scopeOutput(approved) : null,
    approval: approved
      ? {
          version: approved.version,
          approvedAt: approved.approvedAt,
          approvedBy: approved.approvedBy,
          ...(approved.requestId ? { requestId: approved.requestId } : {}),
        }
      : null,
    policy: {
      effect: policy.effect,
      hash: policy.hash,
      ...(policy.reason ? { reason: policy.reason } : {}),
    },
    review: {
      status: detail.reviewStatus,
      ...(detail.reviewDueAt ? { dueAt: detail.reviewDueAt } : {}),
      overdueDays: detail.reviewOverdueDays,
      ...(detail.openReview ? { openReviewId: detail.openReview.id } : {}),
      ...(detail.lastReviewCompletedAt
        ? { lastCompletedAt: detail.lastReviewCompletedAt }
        : {}),
    },
    openFindings: detail.findings.map(f => ({
      id: f.id,
      type: f.type,
      severity: f.severity,
      message: f.message,
      lastSeenAt: f.lastSeenAt,
    })),
    openRequests: detail.requests
      .filter(r => OPEN.includes(r.status))
      .map(requestOutput),
    drift: {
      notApproved: detail.drift.notApproved.map(c => ({ ...c })),
      notDeclared: detail.drift.notDeclared.map(c => ({ ...c })),
    },
    ...(typeof detail.maturityScore === 'number'
      ? { maturityScore: detail.maturityScore }
      : {}),
    agentPage: agentPagePath(detail.entityRef),
  };
}

/** `get-agent-mandate`: what `GET /v1/agents/{namespace}/{name}` answers, as a mandate. */
export function registerGetAgentMandate(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'get-agent-mandate',
    title: "Get an AI agent's mandate",
    description: `Returns what an AI agent governed by Mandate is allowed to do, and how its governance stands.

Use it before acting for an agent, before answering "may this agent do X?", and before filing a scope change (copy approvedScope, edit it, and send it whole to request-agent-scope-change).

It answers: the lifecycle state (only an active agent may call tools), the accountable owner and sponsor, the identity the gateway knows the agent by, the approved scope (every tool with its access read/write/destructive, whether each call needs human approval, its constraints and data classes, and the agent's data classes), the hash of the effective policy gateways enforce, the scope review's status and due date, open findings, open requests, and the drift between the agent's YAML and its approved scope.

Name the agent by agentRef (agent:default/refund-assistant; a bare name means agent:default/<name>). You see only agents you may read: owners see their own, security sees every agent; anyone else is refused.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => checkedInput(z.object({ agentRef: agentRefInput(z) })),
      output: z =>
        z.object({
          agentRef: z.string(),
          title: z.string().optional(),
          state: z
            .enum([
              'proposed',
              'active',
              'suspended',
              'decommissioning',
              'retired',
            ])
            .describe('only an active agent may call tools'),
          inCatalog: z.boolean(),
          ownerRef: z.string().describe('the accountable team (or user)'),
          sponsorRef: z.string().optional().describe('the accountable human'),
          identity: z
            .string()
            .describe('the identity the enforcement layer knows the agent by'),
          modelTier: z.enum(['frontier', 'standard', 'small']).optional(),
          approvedScope: scopeSchema(z)
            .nullable()
            .describe(
              'what the agent may do now; null until a commission is approved',
            ),
          approval: z
            .object({
              version: z.number(),
              approvedAt: z.string(),
              approvedBy: z.string(),
              requestId: z.string().optional(),
            })
            .nullable()
            .describe(
              'which version of the approved scope this is, and who approved it',
            ),
          policy: z
            .object({
              effect: z.enum(['allow-listed', 'deny-all']),
              hash: z.string(),
              reason: z.string().optional(),
            })
            .describe(
              'the effective policy gateways load, with its content hash',
            ),
          review: z.object({
            status: z
              .enum(['not-due', 'due', 'overdue', 'none'])
              .describe(
                'due: a review is open; none: the agent is not reviewed',
              ),
            dueAt: z.string().optional(),
            overdueDays: z.number(),
            openReviewId: z.string().optional(),
            lastCompletedAt: z.string().optional(),
          }),
          openFindings: z.array(
            z.object({
              id: z.string(),
              type: z.string(),
              severity: z.enum(FINDING_SEVERITIES),
              message: z.string(),
              lastSeenAt: z.string(),
            }),
          ),
          openRequests: z.array(requestSchema(z)),
          drift: z
            .object({
              notApproved: z.array(scopeChangeSchema(z)),
              notDeclared: z.array(scopeChangeSchema(z)),
            })
            .describe(
              'notApproved: what the YAML declares beyond the approved scope; notDeclared: what is approved but no longer in the YAML',
            ),
          maturityScore: z.number().optional(),
          agentPage: z.string().describe("the agent's page in Backstage"),
        }),
    },
    action: async ({ input, credentials }) => {
      const agentRef = agentRefOf(validInput(input).agentRef);
      const agent = await ctx.access.readableAgent(credentials, agentRef);
      const [detail, policy] = await Promise.all([
        agentDetail(ctx.db, ctx.enforcement, agent, ctx.clock()),
        agentPolicy(ctx.db, agent),
      ]);
      return { output: mandateOf(detail, policy) };
    },
  });
}
