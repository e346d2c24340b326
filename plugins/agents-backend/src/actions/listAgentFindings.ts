import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { findingsPage } from '../views/findings';
import { agentRefOf, checkedInput, validInput } from './input';
import { FINDING_SEVERITIES, findingOutput, findingSchema } from './schemas';

/** `list-agent-findings`: what `GET /v1/findings` answers, with its filters. */
export function registerListAgentFindings(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'list-agent-findings',
    title: 'List findings about AI agents',
    description: `Lists findings Mandate computed about AI agents from what the enforcement layer reported and from their governance records, most severe and most recent first: a tool used outside the approved scope (tool-outside-scope), an identity that matches no agent (shadow-agent), a standing grant on an idle agent (idle-standing-grant), a model other than the declared one (model-mismatch), a budget exceeded (budget-exceeded), a spike of denials (denial-spike), an overdue review (review-overdue), an owner or sponsor gone (orphaned), an agent without a commission (uncommissioned).

Filter by agentRef (agent:default/refund-assistant), type, severity (low, medium, high, critical) and status (open by default, or resolved); page with limit (1-500, default 50) and offset. You see findings about the agents you may read: owners their own agents', security every finding, including shadow agents. Answers signed-in users only.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        checkedInput(
          z.object({
            agentRef: z
              .string()
              .min(1)
              .optional()
              .describe(
                'only findings about this agent, such as agent:default/refund-assistant',
              ),
            type: z
              .string()
              .min(1)
              .optional()
              .describe(
                'only findings of this type, such as tool-outside-scope',
              ),
            severity: z
              .enum(FINDING_SEVERITIES)
              .optional()
              .describe('only findings of this severity'),
            status: z
              .enum(['open', 'resolved'])
              .optional()
              .describe('open (the default) or resolved'),
            limit: z
              .number()
              .int()
              .min(1)
              .max(500)
              .optional()
              .describe('how many findings to return, 1 to 500 (50)'),
            offset: z
              .number()
              .int()
              .min(0)
              .optional()
              .describe('how many to skip, for the next page (0)'),
          }),
        ),
      output: z =>
        z.object({
          items: z.array(findingSchema(z)),
          totalCount: z.number(),
          limit: z.number(),
          offset: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const q = validInput(input);
      const agentRef = q.agentRef ? agentRefOf(q.agentRef) : undefined;
      const visibleOwners = await ctx.access.visibleOwners(credentials);
      const page = await findingsPage(ctx.db, visibleOwners, {
        ...q,
        agentRef,
      });
      return { output: { ...page, items: page.items.map(findingOutput) } };
    },
  });
}
