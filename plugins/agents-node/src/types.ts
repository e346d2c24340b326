/** How a provider and the backend refer to one agent. @public */
export interface AgentIdentity {
  /** The catalog ref, `agent:default/refund-assistant`. */
  entityRef: string;
  /** `spec.identity.id`, the identity the enforcement layer knows. */
  identityId: string;
}

/** A credential or permission the enforcement layer issued to an agent. @public */
export interface AgentGrant {
  /** The enforcement layer's id for the grant. */
  id: string;
  agentIdentityId: string;
  /** The tool or resource the grant opens. */
  tool: string;
  scope?: string;
  /** ISO timestamps. */
  issuedAt: string;
  expiresAt?: string;
  revokedAt?: string;
  /** The user the agent acted for, when the grant was delegated. */
  onBehalfOf?: string;
}

/** True when the grant is neither revoked nor expired at `now`. @public */
export function isGrantActive(grant: AgentGrant, now: Date): boolean {
  if (grant.revokedAt) return false;
  return !grant.expiresAt || new Date(grant.expiresAt) > now;
}

/** Tool-call totals for one agent and tool over a period. @public */
export interface ToolUsage {
  tool: string;
  calls: number;
  denials: number;
  errors: number;
  /** ISO timestamp of the last call in the period, if any. */
  lastUsedAt?: string;
  grantsIssued: number;
}

/** What a provider did when asked to contain or restore an agent. @public */
export interface ContainmentOutcome {
  providerId: string;
  ok: boolean;
  /** Grants revoked by the call. */
  revokedGrantIds: string[];
  message: string;
}

/** A provider's own view of whether it works. @public */
export interface ProviderHealth {
  status: 'ok' | 'degraded' | 'down';
  message?: string;
  /** When the provider last received data from the enforcement layer. */
  lastDataAt?: string;
}

/**
 * An enforcement layer (agent gateway, credential broker, telemetry pipeline) that Mandate
 * reads grants and telemetry from and pushes containment to. Register one through
 * {@link agentsEnforcementExtensionPoint}.
 * @public
 */
export interface EnforcementLayerProvider {
  /** A short stable id, such as `otlp` or `gateway-http`. */
  readonly id: string;
  /** Grants issued to the agent; `activeOnly` leaves out revoked and expired ones. */
  listGrants(options: {
    agent: AgentIdentity;
    activeOnly?: boolean;
  }): Promise<AgentGrant[]>;
  /** Per-tool usage of the agent between `from` (inclusive) and `to` (exclusive). */
  queryTelemetry(options: {
    agent: AgentIdentity;
    from: Date;
    to: Date;
  }): Promise<ToolUsage[]>;
  /** Revoke the agent's grants and block further calls (suspend, decommission). */
  suspendAgent(options: {
    agent: AgentIdentity;
    reason: string;
  }): Promise<ContainmentOutcome>;
  /** Lift a block placed by {@link EnforcementLayerProvider.suspendAgent}. */
  resumeAgent(options: {
    agent: AgentIdentity;
    reason: string;
  }): Promise<ContainmentOutcome>;
  health(): Promise<ProviderHealth>;
}
