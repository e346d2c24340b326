import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { decideToolCall } from '../policy/toolCallDecision';
import { agentPolicy } from '../views/agentPolicy';
import { agentRefOf, checkedInput, validInput } from './input';
import { agentRefInput } from './schemas';

/**
 * `check-agent-tool-call`: one call decided under the effective policy that
 * `GET /v1/agents/{namespace}/{name}/policy` serves, with the same callers (gateways'
 * service tokens too).
 */
export function registerCheckAgentToolCall(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'check-agent-tool-call',
    title: 'Check whether an AI agent may call a tool',
    description: `Answers whether Mandate's current policy lets an AI agent call one tool: allow, deny, or require-approval (the gateway holds the call until a person approves it), and why.

Use it before an agent calls a tool, to explain a denial the gateway reported, or to see whether a scope change is needed. The decision is the one gateways enforce: the agent's effective policy, built from its approved scope (not from its YAML). Only an active agent may call tools; a tool outside the approved scope is denied; a destructive tool, or one with approval: human, requires approval; constraints (such as a maximum amount) are returned for the gateway to enforce. Budgets are not checked here.

Name the agent by agentRef (agent:default/refund-assistant) and the tool by the name the gateway reports (orders.lookup). Pass identity to check the identity a caller presents: any identity other than the agent's is denied. You may check agents you may read; gateways may call this with their service token.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        checkedInput(
          z.object({
            agentRef: agentRefInput(z),
            tool: z
              .string()
              .min(1)
              .max(128)
              .describe(
                'the tool name the gateway reports, such as orders.lookup',
              ),
            identity: z
              .string()
              .min(1)
              .optional()
              .describe(
                "the identity the calling agent presents (such as spiffe://acme.example/agent/refund-assistant); defaults to the agent's own",
              ),
          }),
        ),
      output: z =>
        z.object({
          agentRef: z.string(),
          identity: z.string(),
          tool: z.string(),
          decision: z.enum(['allow', 'deny', 'require-approval']),
          reason: z.string(),
          policyHash: z
            .string()
            .describe(
              'the hash of the effective policy the decision was made under',
            ),
          approvedScopeVersion: z.number().nullable(),
          toolPolicy: z
            .object({
              access: z.enum(['read', 'write', 'destructive']),
              approval: z.enum(['none', 'human']),
              requiresApproval: z.boolean(),
              dataClasses: z.array(z.string()),
              constraints: z.record(z.unknown()),
              api: z.string().optional(),
            })
            .optional()
            .describe(
              "the tool's entry in the policy, when the policy lists it",
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const checked = validInput(input);
      const agentRef = agentRefOf(checked.agentRef);
      const agent = await ctx.access.readableAgent(
        credentials,
        agentRef,
        'read the policy of',
        { services: true },
      );
      const policy = await agentPolicy(ctx.db, agent);
      const identity = checked.identity ?? policy.agent.identity;
      const { decision, reason, tool } = decideToolCall(
        policy,
        checked.tool,
        identity,
      );
      return {
        output: {
          agentRef: agent.entityRef,
          identity,
          tool: checked.tool,
          decision,
          reason,
          policyHash: policy.hash,
          approvedScopeVersion: policy.approvedScopeVersion,
          ...(tool
            ? {
                toolPolicy: {
                  access: tool.access,
                  approval: tool.approval,
                  requiresApproval: tool.requiresApproval,
                  dataClasses: tool.dataClasses,
                  constraints: tool.constraints,
                  ...(tool.api ? { api: tool.api } : {}),
                },
              }
            : {}),
        },
      };
    },
  });
}
