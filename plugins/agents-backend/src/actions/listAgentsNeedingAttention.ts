import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { agentsNeedingAttention } from '../views/callerWork';
import { checkedInput, validInput } from './input';
import { FINDING_SEVERITIES, requestOutput, requestSchema } from './schemas';

/**
 * `list-agents-needing-attention`: the caller's own agents as the estate list shows them
 * (`GET /v1/agents`), narrowed to those that need something, and what waits for the
 * caller's decision (`GET /v1/reviews/mine`).
 */
export function registerListAgentsNeedingAttention(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'list-agents-needing-attention',
    title: 'List my AI agents that need attention',
    description: `Lists the AI agents you own (directly or through one of your groups) that need something from you, most urgent review first, each with the reasons in words: a scope review that is open or overdue, open findings (by severity), open requests, or a suspension. It also lists the requests that wait for your decision (for security: commissions and scope expansions; for a new owner: owner transfers).

Use it to answer "what do I have to do about my agents?". Follow up with get-agent-mandate for one agent and list-agent-findings for its findings. Takes no input; answers signed-in users only.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => checkedInput(z.object({})),
      output: z =>
        z.object({
          agents: z.array(
            z.object({
              agentRef: z.string(),
              title: z.string().optional(),
              state: z.string(),
              ownerRef: z.string(),
              reviewStatus: z.enum(['not-due', 'due', 'overdue', 'none']),
              reviewDueAt: z.string().optional(),
              reviewOverdueDays: z.number(),
              openFindings: z.number(),
              openFindingsBySeverity: z.object(
                Object.fromEntries(
                  FINDING_SEVERITIES.map(s => [s, z.number()]),
                ) as Record<(typeof FINDING_SEVERITIES)[number], any>,
              ),
              openRequests: z.number(),
              reasons: z
                .array(z.string())
                .describe('why the agent needs attention'),
            }),
          ),
          awaitingYourDecision: z
            .array(requestSchema(z))
            .describe('pending requests assigned to you or one of your groups'),
          ownAgents: z
            .number()
            .describe('how many agents you own, needing attention or not'),
        }),
    },
    action: async ({ input, credentials }) => {
      validInput(input);
      const caller = await ctx.access.user(credentials);
      const visibleOwners = await ctx.access.visibleOwners(credentials);
      const work = await agentsNeedingAttention(
        ctx.db,
        caller.actor,
        visibleOwners,
        ctx.clock(),
      );
      return {
        output: {
          agents: work.agents.map(({ agent, reasons }) => ({
            agentRef: agent.entityRef,
            ...(agent.title ? { title: agent.title } : {}),
            state: agent.state,
            ownerRef: agent.ownerRef,
            reviewStatus: agent.reviewStatus,
            ...(agent.reviewDueAt ? { reviewDueAt: agent.reviewDueAt } : {}),
            reviewOverdueDays: agent.reviewOverdueDays,
            openFindings: agent.openFindings,
            openFindingsBySeverity: { ...agent.openFindingsBySeverity },
            openRequests: agent.openRequests,
            reasons,
          })),
          awaitingYourDecision: work.awaitingDecision.map(requestOutput),
          ownAgents: work.ownAgents,
        },
      };
    },
  });
}
