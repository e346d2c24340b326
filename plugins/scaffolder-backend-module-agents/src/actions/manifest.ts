import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AGENT_LIFECYCLES,
  AgentEntityV1alpha1,
  MODEL_TIERS,
  TOOL_ACCESS_LEVELS,
  TOOL_APPROVALS,
  getAgentRef,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { manifestExamples } from './manifest.examples';

type ToolInput = {
  name: string;
  api?: string;
  access: string;
  dataClasses?: string[];
  approval?: string;
  constraints?: string | Record<string, unknown>;
};

/** Constraints come from a form as JSON text, or from YAML as a mapping. */
function parseConstraints(value: ToolInput['constraints'], index: number) {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    const parsed = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed;
  } catch {
    // reported below
  }
  throw new InputError(
    `tools[${index}].constraints: ${JSON.stringify(
      value,
    )} is not a JSON object; write it like {"maxAmountUsd": 200}`,
  );
}

/** Drops empty optional fields, so the YAML holds only what was chosen. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

/**
 * `mandate:agent:manifest`: builds the Agent entity from the template's answers, checks it
 * with the Agent kind's validator and writes it as catalog-info.yaml into the workspace.
 */
export function createAgentManifestAction(options: { identityPrefix: string }) {
  return createTemplateAction({
    id: 'mandate:agent:manifest',
    description:
      'Builds an Agent entity (mandate.dev/v1alpha1) from inputs, validates it and writes catalog-info.yaml into the workspace',
    examples: manifestExamples,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Entity name, lower-case kebab-case, such as refund-assistant',
            ),
        namespace: z =>
          z.string().default('default').describe('Catalog namespace'),
        title: z => z.string().optional().describe('Display title'),
        description: z =>
          z.string().optional().describe('One-line description'),
        purpose: z =>
          z.string().describe('What the agent is for, in one sentence'),
        owner: z =>
          z
            .string()
            .describe(
              'Owning group (or user) ref, such as group:default/customer-care',
            ),
        sponsor: z =>
          z.string().optional().describe('Accountable human, a user ref'),
        system: z => z.string().optional().describe('System ref'),
        type: z =>
          z
            .string()
            .default('service-agent')
            .describe('service-agent, coding-agent, assistant, ...'),
        lifecycle: z =>
          z
            .enum(AGENT_LIFECYCLES)
            .default('experimental')
            .describe('Backstage lifecycle'),
        identityId: z =>
          z
            .string()
            .optional()
            .describe(
              'Identity the enforcement layer knows; defaults to the configured prefix plus the name',
            ),
        modelProvider: z =>
          z.string().describe('Model provider, such as anthropic'),
        modelName: z =>
          z.string().describe('Model name, such as claude-sonnet-4-5'),
        modelTier: z =>
          z.enum(MODEL_TIERS).describe('Attested capability tier'),
        dataClasses: z =>
          z
            .array(z.string())
            .default([])
            .describe('Data classes the agent may reach'),
        tools: z =>
          z
            .array(
              z.object({
                name: z.string().describe('Tool name the gateway reports'),
                api: z
                  .string()
                  .optional()
                  .describe('API entity ref of the MCP server'),
                access: z.enum(TOOL_ACCESS_LEVELS),
                dataClasses: z.array(z.string()).optional(),
                approval: z.enum(TOOL_APPROVALS).optional(),
                constraints: z
                  .union([z.string(), z.record(z.string(), z.unknown())])
                  .optional()
                  .describe('JSON object, such as {"maxAmountUsd": 200}'),
              }),
            )
            .default([])
            .describe('The tool manifest; anything not listed is denied'),
        monthlyUsd: z =>
          z.number().optional().describe('Monthly budget in USD'),
        dailyToolCalls: z =>
          z.number().optional().describe('Daily tool-call budget'),
        reviewCadence: z =>
          z.string().default('P3M').describe('ISO-8601 review cadence'),
        decommissionCriteria: z =>
          z.string().describe('When the agent should be retired'),
        sunset: z => z.string().optional().describe('Sunset date, YYYY-MM-DD'),
        targetPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Where to write the YAML in the workspace'),
      },
      output: {
        entityRef: z => z.string().describe('agent:<namespace>/<name>'),
        entity: z =>
          z.record(z.string(), z.unknown()).describe('The Agent entity'),
        filePath: z =>
          z
            .string()
            .describe('Path of the written YAML, relative to the workspace'),
      },
    },
    async handler(ctx) {
      // The scaffolder validates against the JSON schema but does not fill in zod defaults.
      const input = {
        ...ctx.input,
        namespace: ctx.input.namespace ?? 'default',
        type: ctx.input.type ?? 'service-agent',
        lifecycle: ctx.input.lifecycle ?? 'experimental',
        dataClasses: ctx.input.dataClasses ?? [],
        tools: ctx.input.tools ?? [],
        reviewCadence: ctx.input.reviewCadence ?? 'P3M',
        targetPath: ctx.input.targetPath ?? 'catalog-info.yaml',
      };
      const budgets = defined({
        monthlyUsd: input.monthlyUsd,
        dailyToolCalls: input.dailyToolCalls,
      });
      const entity = {
        apiVersion: 'mandate.dev/v1alpha1',
        kind: 'Agent',
        metadata: defined({
          name: input.name,
          namespace: input.namespace,
          title: input.title,
          description: input.description,
        }),
        spec: defined({
          type: input.type,
          lifecycle: input.lifecycle,
          owner: input.owner,
          sponsor: input.sponsor,
          system: input.system,
          identity: {
            id: input.identityId || `${options.identityPrefix}${input.name}`,
          },
          model: {
            provider: input.modelProvider,
            name: input.modelName,
            tier: input.modelTier,
          },
          purpose: input.purpose,
          dataClasses: input.dataClasses,
          tools: (input.tools as ToolInput[]).map((tool, index) =>
            defined({
              ...tool,
              constraints: parseConstraints(tool.constraints, index),
            }),
          ),
          budgets: Object.keys(budgets).length ? budgets : undefined,
          review: { cadence: input.reviewCadence },
          decommission: defined({
            criteria: input.decommissionCriteria,
            sunset: input.sunset,
          }),
        }),
      };
      // The manifest is an empty list when no tool is chosen: deny-all, stated explicitly.
      (entity.spec as any).tools ??= [];

      const issues = validateAgentEntity(entity);
      if (issues.length > 0) {
        throw new InputError(
          `The agent manifest is not valid: ${issues
            .map(i => `${i.field}: ${i.message}`)
            .join('; ')}`,
        );
      }
      const target = resolveSafeChildPath(ctx.workspacePath, input.targetPath);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, stringify(entity));
      ctx.logger.info(
        `Wrote ${getAgentRef(entity as AgentEntityV1alpha1)} to ${
          input.targetPath
        }`,
      );

      ctx.output('entityRef', getAgentRef(entity as AgentEntityV1alpha1));
      ctx.output('entity', entity);
      ctx.output('filePath', input.targetPath);
    },
  });
}
