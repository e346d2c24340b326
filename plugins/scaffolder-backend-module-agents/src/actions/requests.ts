import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  FileRequestBody,
  GovernanceRequest,
  agentPagePath,
  parseInputRef,
} from '@mandate/plugin-agents-common';
import { stringify } from 'yaml';
import { AgentsApiFactory } from './agentsApi';

function agentRefOf(ref: string, field = 'agentRef'): string {
  return parseInputRef(ref, { field, kinds: ['agent'] });
}

/** One request per task and action: re-running the task returns the first request. */
function idempotencyKey(taskId: string, actionId: string, agentRef: string) {
  return `scaffolder:${taskId}:${actionId}:${agentRef}`;
}

const requestOutput = {
  requestId: (z: any) => z.string().describe('Id of the filed request'),
  requestStatus: (z: any) =>
    z.string().describe('pending, awaiting-evidence, applied or rejected'),
  agentUrl: (z: any) =>
    z.string().describe('Path of the agent page in the app'),
};

/** What every request action does: file for the template's user, once per task, and report. */
async function fileForTask(
  agents: AgentsApiFactory,
  ctx: {
    task: { id: string };
    logger: { info(message: string): void };
    getInitiatorCredentials(): Promise<BackstageCredentials>;
    output(name: string, value: string): void;
  },
  actionId: string,
  request: Omit<FileRequestBody, 'idempotencyKey'>,
): Promise<GovernanceRequest> {
  const api = agents(await ctx.getInitiatorCredentials());
  const filed = await api.fileRequest({
    ...request,
    idempotencyKey: idempotencyKey(ctx.task.id, actionId, request.agentRef),
  });
  ctx.logger.info(
    `${filed.type} request ${filed.id} for ${filed.agentRef} is ${filed.status}`,
  );
  ctx.output('requestId', filed.id);
  ctx.output('requestStatus', filed.status);
  ctx.output('agentUrl', agentPagePath(filed.agentRef));
  return filed;
}

const example = (description: string, step: object): TemplateExample => ({
  description,
  example: stringify({ steps: [step] }),
});

/** `mandate:agent:publish`: demo publishing without an SCM. */
export function createPublishAction(agents: AgentsApiFactory) {
  return createTemplateAction({
    id: 'mandate:agent:publish',
    description:
      "Publishes an Agent's catalog-info.yaml through Mandate (demo, no SCM) and outputs the URL for catalog:register",
    examples: [
      example('Publish the manifest built by mandate:agent:manifest', {
        id: 'publish',
        action: 'mandate:agent:publish',
        input: { entity: '${{ steps.manifest.output.entity }}' },
      }),
    ],
    schema: {
      input: {
        entity: z =>
          z.record(z.string(), z.unknown()).describe('The Agent entity'),
      },
      output: {
        catalogInfoUrl: z =>
          z.string().describe('URL of catalog-info.yaml, for catalog:register'),
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      const api = agents(await ctx.getInitiatorCredentials());
      const published = await api.publishPortalAgent(ctx.input.entity);
      ctx.output('catalogInfoUrl', published.catalogInfoUrl);
      ctx.output('entityRef', published.entityRef);
    },
  });
}

/** `mandate:agent:commission`: files the commission request for the user running the template. */
export function createCommissionAction(agents: AgentsApiFactory) {
  const id = 'mandate:agent:commission';
  return createTemplateAction({
    id,
    description:
      'Files a commission request with Mandate on behalf of the user running the template; re-running the task does not file a second one',
    examples: [
      example('Commission the agent built earlier in the template', {
        id: 'commission',
        action: id,
        input: {
          entityRef: '${{ steps.manifest.output.entityRef }}',
          entity: '${{ steps.manifest.output.entity }}',
          reason: '${{ parameters.purpose }}',
        },
      }),
    ],
    schema: {
      input: {
        entityRef: z => z.string().describe('agent:<namespace>/<name>'),
        entity: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('The Agent entity, when the catalog may not have it yet'),
        reason: z => z.string().min(3).describe('Why the agent is needed'),
      },
      output: requestOutput,
    },
    async handler(ctx) {
      await fileForTask(agents, ctx, id, {
        agentRef: agentRefOf(ctx.input.entityRef, 'entityRef'),
        type: 'commission',
        reason: ctx.input.reason,
        payload: ctx.input.entity ? { entity: ctx.input.entity } : {},
      });
    },
  });
}

/** `mandate:agent:scope-change`: a move; reductions apply at once, expansions wait for security. */
export function createScopeChangeAction(agents: AgentsApiFactory) {
  const id = 'mandate:agent:scope-change';
  return createTemplateAction({
    id,
    description:
      "Files a scope change: the agent's whole new tool manifest and data classes. Reductions apply at once; expansions wait for security",
    examples: [
      example('Give an agent a read-only manifest', {
        id: 'scope',
        action: id,
        input: {
          agentRef: 'agent:default/refund-assistant',
          reason: 'Refunds move to the v2 workflow',
          dataClasses: ['customer-pii'],
          tools: [
            {
              name: 'orders.lookup',
              access: 'read',
              dataClasses: ['customer-pii'],
            },
          ],
        },
      }),
    ],
    schema: {
      input: {
        agentRef: z => z.string(),
        reason: z => z.string().min(3),
        dataClasses: z => z.array(z.string()).default([]),
        tools: z =>
          z.array(
            z.object({
              name: z.string(),
              api: z.string().optional(),
              access: z.enum(['read', 'write', 'destructive']),
              dataClasses: z.array(z.string()).optional(),
              approval: z.enum(['none', 'human']).optional(),
              constraints: z.record(z.string(), z.unknown()).optional(),
            }),
          ),
      },
      output: requestOutput,
    },
    async handler(ctx) {
      await fileForTask(agents, ctx, id, {
        agentRef: agentRefOf(ctx.input.agentRef),
        type: 'scope-change',
        reason: ctx.input.reason,
        payload: {
          scope: {
            dataClasses: ctx.input.dataClasses ?? [],
            tools: ctx.input.tools as any,
          },
        },
      });
    },
  });
}

/** `mandate:agent:decommission`: a leave; retired once no grant is active. */
export function createDecommissionAction(agents: AgentsApiFactory) {
  const id = 'mandate:agent:decommission';
  return createTemplateAction({
    id,
    description:
      'Files a decommission request; the agent is retired once the enforcement layer reports no active grant (or on the attestation when none is installed)',
    examples: [
      example('Retire an agent whose workflow moved elsewhere', {
        id: 'retire',
        action: id,
        input: {
          agentRef: 'agent:default/legacy-log-summarizer',
          reason: 'Batch jobs report to the new observability stack',
          attestation:
            'Service token revoked in the vault and gateway route removed.',
        },
      }),
    ],
    schema: {
      input: {
        agentRef: z => z.string(),
        reason: z => z.string().min(3),
        attestation: z =>
          z
            .string()
            .optional()
            .describe(
              'Required when no enforcement layer is installed: how the credentials were revoked',
            ),
      },
      output: requestOutput,
    },
    async handler(ctx) {
      await fileForTask(agents, ctx, id, {
        agentRef: agentRefOf(ctx.input.agentRef),
        type: 'decommission',
        reason: ctx.input.reason,
        payload: ctx.input.attestation
          ? { attestation: ctx.input.attestation }
          : {},
      });
    },
  });
}
