import type { HumanDuration } from '@backstage/types';
import type { AgentGrant } from './types';

/** How the enforcement layer ruled on a call. @public */
export type PolicyDecision = 'allow' | 'deny' | 'require-approval';

/**
 * One thing the enforcement layer saw an agent do: a tool call (`execute_tool`), an agent
 * invocation (`invoke_agent`) or a model call (`model_call`: chat, generate_content, …).
 * The OTLP receiver maps GenAI spans to these; pull sources return them as they are.
 * @public
 */
export interface TelemetryEvent {
  /** Unique per event, so that a retried delivery is counted once (OTLP: `traceId:spanId`). */
  id: string;
  operation: 'execute_tool' | 'invoke_agent' | 'model_call';
  /** `gen_ai.agent.id`: the agent's `spec.identity.id`. */
  agentIdentityId?: string;
  /** `gen_ai.agent.name`: used when the identity is missing or unknown. */
  agentName?: string;
  /** `gen_ai.tool.name`; required for `execute_tool`. */
  tool?: string;
  /** `mcp.method.name`, such as `tools/call`. */
  mcpMethod?: string;
  requestModel?: string;
  responseModel?: string;
  /** `mandate.model.tier`: the gateway's tier for the model that answered. */
  modelTier?: 'frontier' | 'standard' | 'small';
  inputTokens?: number;
  outputTokens?: number;
  /** `mandate.cost.usd`: what the call cost, as the gateway priced it. */
  costUsd?: number;
  /** ISO timestamp of the start of the call. */
  startedAt: string;
  durationMs: number;
  /** `error.type`: set when the call failed. */
  errorType?: string;
  decision?: PolicyDecision;
  /** `mandate.policy.rule_id`: the rule that decided. */
  ruleId?: string;
  /** `mandate.grant.id`: the credential the call used. */
  grantId?: string;
  /** `mandate.grant.on_behalf_of`: the user the agent acted for. */
  onBehalfOf?: string;
}

/** What one delivery or one pull brings: events and grant states. @public */
export interface TelemetryBatch {
  events: TelemetryEvent[];
  /** Grants as last seen; a grant id seen again replaces the earlier state. */
  grants: AgentGrant[];
}

/** One page pulled from a source. @public */
export interface TelemetryPage extends TelemetryBatch {
  /** Where the next pull continues; kept by the backend between pulls. */
  cursor?: string;
  /** True when the source has more right now; the backend pulls again at once. */
  hasMore?: boolean;
}

/**
 * An enforcement layer that Mandate polls for telemetry and grants. The backend schedules
 * pulls, backs off on failure, stores the cursor and reports staleness.
 * @public
 */
export interface TelemetrySource {
  /** A short stable id, such as `gateway-http:main`. */
  readonly id: string;
  /** How often to pull. Default: every minute. */
  readonly frequency?: HumanDuration;
  pull(options: {
    cursor?: string;
    signal?: AbortSignal;
  }): Promise<TelemetryPage>;
}

export { MANDATE_ATTRIBUTES } from '@mandate/plugin-agents-common';
