import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** The apiVersion of the Agent kind. @public */
export const AGENT_API_VERSION = 'mandate.dev/v1alpha1';
/** The kind name. @public */
export const AGENT_KIND = 'Agent';

/** Relation from an agent to the human accountable for it. @public */
export const RELATION_SPONSORED_BY = 'sponsoredBy';
/** Reverse of {@link RELATION_SPONSORED_BY}. @public */
export const RELATION_SPONSOR_OF = 'sponsorOf';

/** Backstage lifecycles an agent may declare. @public */
export const AGENT_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;
/** @public */
export type AgentLifecycle = (typeof AGENT_LIFECYCLES)[number];

/** Attested capability tiers, from most to least capable. @public */
export const MODEL_TIERS = ['frontier', 'standard', 'small'] as const;
/** @public */
export type ModelTier = (typeof MODEL_TIERS)[number];

/** Tool access levels, from least to most powerful. @public */
export const TOOL_ACCESS_LEVELS = ['read', 'write', 'destructive'] as const;
/** @public */
export type ToolAccess = (typeof TOOL_ACCESS_LEVELS)[number];

/** Whether each call of a tool needs an out-of-band approval. @public */
export const TOOL_APPROVALS = ['none', 'human'] as const;
/** @public */
export type ToolApproval = (typeof TOOL_APPROVALS)[number];

/** Budget keys an agent may declare. @public */
export const AGENT_BUDGET_KEYS = [
  'monthlyUsd',
  'dailyToolCalls',
  'monthlyTokens',
] as const;
/** @public */
export type AgentBudgets = Partial<
  Record<(typeof AGENT_BUDGET_KEYS)[number], number>
>;

/** One allowed tool in an agent's manifest. Anything not listed is denied. @public */
export type AgentTool = {
  /** The name the gateway reports (gen_ai.tool.name, or the MCP tool name). */
  name: string;
  /** Optional ref to the API entity (for example an MCP server) that serves the tool. */
  api?: string;
  access: ToolAccess;
  dataClasses?: string[];
  /** Defaults to `none`. */
  approval?: ToolApproval;
  constraints?: JsonObject;
};

/** The `spec` of an Agent entity. @public */
export type AgentSpec = {
  type: string;
  lifecycle: AgentLifecycle;
  owner: string;
  sponsor?: string;
  system?: string;
  identity: { id: string };
  model: { provider: string; name: string; tier: ModelTier };
  purpose: string;
  dataClasses?: string[];
  tools: AgentTool[];
  budgets?: AgentBudgets;
  review?: { cadence?: string };
  decommission?: { criteria: string; sunset?: string };
};

/** An AI agent as a catalog entity. @public */
export interface AgentEntityV1alpha1 extends Entity {
  apiVersion: typeof AGENT_API_VERSION;
  kind: typeof AGENT_KIND;
  spec: AgentSpec;
}

/** True when the entity claims to be an Agent (apiVersion and kind), valid or not. @public */
export function isAgentEntity(entity: Entity): entity is AgentEntityV1alpha1 {
  return (
    entity.apiVersion === AGENT_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') ===
      AGENT_KIND.toLocaleLowerCase('en-US')
  );
}

/** Rank of an access level; higher is more powerful. @public */
export function accessRank(access: ToolAccess): number {
  return TOOL_ACCESS_LEVELS.indexOf(access);
}

/** The most powerful access any tool in the manifest has, or undefined for an empty manifest. @public */
export function highestAccess(
  tools: ReadonlyArray<Pick<AgentTool, 'access'>>,
): ToolAccess | undefined {
  let highest: ToolAccess | undefined;
  for (const tool of tools) {
    if (
      highest === undefined ||
      accessRank(tool.access) > accessRank(highest)
    ) {
      highest = tool.access;
    }
  }
  return highest;
}
