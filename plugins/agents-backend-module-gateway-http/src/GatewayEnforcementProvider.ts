import {
  AgentGrant,
  AgentIdentity,
  ContainmentOutcome,
  EnforcementLayerProvider,
  ProviderHealth,
  ToolUsage,
} from '@mandate/plugin-agents-node';
import {
  readContainmentResponse,
  readGrantsResponse,
  readHealthResponse,
} from './contract';
import { GatewayClient } from './GatewayClient';

/**
 * One gateway as an enforcement layer: live grants, containment and health over the HTTP
 * contract (docs/gateway-http-contract.md).
 */
export class GatewayEnforcementProvider implements EnforcementLayerProvider {
  readonly id: string;

  constructor(gatewayId: string, private readonly client: GatewayClient) {
    this.id = `gateway-http:${gatewayId}`;
  }

  /**
   * Asks the gateway live, because decommissioning takes "no active grants" as evidence.
   * A failure throws rather than answering an empty list, which would read as "none left".
   */
  async listGrants(options: {
    agent: AgentIdentity;
    activeOnly?: boolean;
  }): Promise<AgentGrant[]> {
    const { identityId } = options.agent;
    const grants = await this.client.get(
      '/mandate/v1/grants',
      { agent: identityId, active: options.activeOnly ? 'true' : undefined },
      readGrantsResponse,
    );
    const stranger = grants.findIndex(g => g.agentIdentityId !== identityId);
    if (stranger >= 0) {
      throw new Error(
        `${this.client.name}: grants[${stranger}].agentIdentityId is "${grants[stranger].agentIdentityId}", but the grants of ${identityId} were asked for; the gateway must filter by the agent parameter`,
      );
    }
    return grants;
  }

  /**
   * Always empty: this gateway's usage reaches Mandate through its telemetry source
   * (`GET /mandate/v1/telemetry`), and the agents backend counts it from its own store.
   * Answering here as well would count every call twice.
   */
  async queryTelemetry(_options: {
    agent: AgentIdentity;
    from: Date;
    to: Date;
  }): Promise<ToolUsage[]> {
    return [];
  }

  suspendAgent(options: {
    agent: AgentIdentity;
    reason: string;
  }): Promise<ContainmentOutcome> {
    return this.contain('suspend', options.agent, options.reason);
  }

  resumeAgent(options: {
    agent: AgentIdentity;
    reason: string;
  }): Promise<ContainmentOutcome> {
    return this.contain('resume', options.agent, options.reason);
  }

  /** Never throws: an unreachable or broken gateway is reported as down. */
  async health(): Promise<ProviderHealth> {
    try {
      return await this.client.get(
        '/mandate/v1/health',
        {},
        readHealthResponse,
      );
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    }
  }

  /** A failed call is an outcome with ok false, so the caller can record it next to the others. */
  private async contain(
    action: 'suspend' | 'resume',
    agent: AgentIdentity,
    reason: string,
  ): Promise<ContainmentOutcome> {
    const path = `/mandate/v1/agents/${encodeURIComponent(
      agent.identityId,
    )}/${action}`;
    try {
      const response = await this.client.post(
        path,
        { reason, agentRef: agent.entityRef },
        readContainmentResponse,
      );
      const revoked = response.revokedGrantIds.length;
      return {
        providerId: this.id,
        ok: true,
        revokedGrantIds: response.revokedGrantIds,
        message:
          response.message ??
          (action === 'suspend'
            ? `${this.client.name} blocked ${agent.identityId} and revoked ${revoked} grant(s)`
            : `${this.client.name} lifted the block on ${agent.identityId}`),
      };
    } catch (error) {
      return {
        providerId: this.id,
        ok: false,
        revokedGrantIds: [],
        message: `${action} failed, check the gateway: ${
          (error as Error).message
        }`,
      };
    }
  }
}
