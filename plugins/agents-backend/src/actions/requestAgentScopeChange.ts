import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { fileRequestAction, filedRequestSchema } from './fileRequestAction';
import { agentRefOf, checkedInput, validInput } from './input';
import { agentRefInput, scopeSchema } from './schemas';

export const reasonInput = (z: Parameters<typeof agentRefInput>[0]) =>
  z
    .string()
    .min(3)
    .max(2000)
    .describe(
      'why, for the audit trail and the people who decide (3 to 2000 characters)',
    );

export const idempotencyKeyInput = (z: Parameters<typeof agentRefInput>[0]) =>
  z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'any unique string; repeating the call with the same key returns the first request instead of filing a second, so retries are safe',
    );

/** `request-agent-scope-change`: `POST /v1/requests` with type `scope-change`. */
export function registerRequestAgentScopeChange(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'request-agent-scope-change',
    title: "Request a change to an AI agent's scope",
    description: `Files a scope-change request for an AI agent: the tools it may call (with their access, approval and constraints) and the data classes it may reach.

Send the whole new scope, not a difference: call get-agent-mandate, copy its approvedScope, edit it (remove a tool, lower its access from write to read, add approval: human, remove a data class, or add what is needed) and send it as scope. A reduction (a tool removed, access lowered, approval added, a data class removed) applies at once: gateways enforce the narrower policy on their next poll. An expansion (a new tool, higher access, approval removed, changed constraints, a new data class) waits for security to approve it, and nothing changes until then. Either way the request shows on the agent's Lifecycle tab and in the audit trail.

Only the agent's owners (and security) may file; others are refused. One scope change per agent may be open at a time.`,
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        checkedInput(
          z.object({
            agentRef: agentRefInput(z),
            reason: reasonInput(z),
            scope: scopeSchema(z).describe(
              "the whole new scope: get-agent-mandate's approvedScope, edited",
            ),
            idempotencyKey: idempotencyKeyInput(z),
          }),
        ),
      output: filedRequestSchema,
    },
    action: async ({ input, credentials }) => {
      const checked = validInput(input);
      return fileRequestAction(ctx, credentials, {
        agentRef: agentRefOf(checked.agentRef),
        type: 'scope-change',
        reason: checked.reason,
        idempotencyKey: checked.idempotencyKey,
        payload: { scope: checked.scope },
      });
    },
  });
}
