import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { fileRequestAction, filedRequestSchema } from './fileRequestAction';
import { agentRefOf, checkedInput, validInput } from './input';
import { idempotencyKeyInput, reasonInput } from './requestAgentScopeChange';
import { agentRefInput } from './schemas';

/** `request-agent-commission`: `POST /v1/requests` with type `commission`, no entity. */
export function registerRequestAgentCommission(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registry.register({
    name: 'request-agent-commission',
    title: 'Request the commission of an AI agent',
    description: `Files a commission request for an AI agent that is already in the Backstage catalog but not yet commissioned (state proposed, with an uncommissioned finding). Security decides: once approved, the scope the agent's YAML declares becomes its approved scope, the agent becomes active (gateways allow its tools) and its first scope review is scheduled. Until then every tool call is denied.

The agent must be in the catalog first (its catalog-info.yaml registered); for a new agent use the "Commission an AI agent" template, which writes the manifest and files the commission. Only the agent's owners (and security) may file; one commission per agent may be open at a time.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        checkedInput(
          z.object({
            agentRef: agentRefInput(z),
            reason: reasonInput(z),
            idempotencyKey: idempotencyKeyInput(z),
          }),
        ),
      output: filedRequestSchema,
    },
    action: async ({ input, credentials }) => {
      const checked = validInput(input);
      return fileRequestAction(
        ctx,
        credentials,
        {
          agentRef: agentRefOf(checked.agentRef),
          type: 'commission',
          reason: checked.reason,
          idempotencyKey: checked.idempotencyKey,
          payload: {},
        },
        {
          unknownAgent:
            'register its catalog-info.yaml in the catalog first, or use the "Commission an AI agent" template, which does both',
        },
      );
    },
  });
}
