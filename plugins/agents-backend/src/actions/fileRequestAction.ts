import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  GovernanceRequest,
  agentPagePath,
} from '@mandate/plugin-agents-common';
import { fileRequestAs } from '../access/fileRequest';
import { AgentsContext } from '../context';
import { NewRequest } from '../workflows/Governance';
import { Zod } from './input';
import { requestOutput, requestSchema } from './schemas';

/** What the request actions answer: the request, and what happens next in words. */
export const filedRequestSchema = (z: Zod) =>
  z.object({
    request: requestSchema(z),
    created: z
      .boolean()
      .describe(
        'false when an earlier request with the same idempotencyKey is returned',
      ),
    outcome: z.string().describe('what happened and what happens next'),
    agentPage: z
      .string()
      .describe(
        "the agent's Lifecycle tab in Backstage, where the request shows",
      ),
  });

function outcomeOf(request: GovernanceRequest, created: boolean): string {
  const earlier = created
    ? ''
    : 'This request was filed earlier with the same idempotencyKey; nothing new was filed. ';
  switch (request.status) {
    case 'applied':
      return `${earlier}Applied at once: ${
        request.type === 'scope-change'
          ? 'the change only narrows what the agent may do, so it needs no approval; gateways get the new policy on their next poll'
          : 'it needed no decision'
      }.`;
    case 'pending':
      return `${earlier}Waits for ${
        request.assigneeRef
      } to approve or reject it${
        request.type === 'scope-change'
          ? ': it widens what the agent may do'
          : ''
      }; until then nothing changes.`;
    case 'awaiting-evidence':
      return `${earlier}Approved; waits for the enforcement layer to report no active grants.`;
    default:
      return `${earlier}Rejected: ${
        request.decisionReason ?? 'no reason given'
      }.`;
  }
}

/** The workflows name the REST body's fields (`payload.scope`); an action's input has them flat. */
function inActionTerms(error: unknown): unknown {
  if (error instanceof InputError) {
    return new InputError(error.message.replace(/\bpayload\./g, ''));
  }
  return error;
}

/**
 * Files a request as the calling user, as `POST /v1/requests` does (the same permission
 * checks and workflow, and the same event for Backstage's auditor, which names the caller
 * since an action has no HTTP request of its own).
 */
export async function fileRequestAction(
  ctx: AgentsContext,
  credentials: BackstageCredentials,
  input: NewRequest,
  options: { unknownAgent?: string } = {},
) {
  const caller = await ctx.access.user(credentials);
  const { request, created } = await ctx.access
    .audited(
      {
        eventId: 'request-file',
        meta: { agentRef: input.agentRef, type: input.type },
        actorRef: caller.actor.ref,
      },
      async () => {
        if (
          options.unknownAgent &&
          !(await ctx.db.stores.agents.get(input.agentRef))
        ) {
          throw new NotFoundError(
            `No agent ${input.agentRef} is known to Mandate; ${options.unknownAgent}`,
          );
        }
        return fileRequestAs(ctx, caller, input);
      },
    )
    .catch(error => {
      throw inActionTerms(error);
    });
  return {
    output: {
      request: requestOutput(request),
      created,
      outcome: outcomeOf(request, created),
      agentPage: agentPagePath(request.agentRef, 'lifecycle'),
    },
  };
}
