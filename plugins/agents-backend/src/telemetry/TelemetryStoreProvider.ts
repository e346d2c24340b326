import {
  AgentGrant,
  AgentIdentity,
  ContainmentOutcome,
  EnforcementLayerProvider,
  ProviderHealth,
  ToolUsage,
  isGrantActive,
} from '@mandate/plugin-agents-node';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { telemetryKeysOf } from '../views/telemetryKeys';

/**
 * Answers for the telemetry Mandate received (OTLP and pull sources): grants and usage as
 * stored. It has no control channel; containment takes effect through the effective
 * policy, which is deny-all for a suspended agent.
 */
export class TelemetryStoreProvider implements EnforcementLayerProvider {
  readonly id = 'mandate-telemetry';

  constructor(
    private readonly db: AgentsDatabase,
    private readonly clock: () => Date,
  ) {}

  /** The keys of the agent's telemetry: only the claims it holds. */
  private async keysOf(agent: AgentIdentity): Promise<string[]> {
    const record = await this.db.stores.agents.get(agent.entityRef);
    return record ? telemetryKeysOf(this.db, record) : [];
  }

  async listGrants(options: {
    agent: AgentIdentity;
    activeOnly?: boolean;
  }): Promise<AgentGrant[]> {
    const grants = await this.db.telemetry.reader.grants(
      await this.keysOf(options.agent),
    );
    return options.activeOnly
      ? grants.filter(g => isGrantActive(g, this.clock()))
      : grants;
  }

  async queryTelemetry(options: {
    agent: AgentIdentity;
    from: Date;
    to: Date;
  }): Promise<ToolUsage[]> {
    return this.db.telemetry.reader.usage(
      await this.keysOf(options.agent),
      options.from,
      options.to,
    );
  }

  async suspendAgent(): Promise<ContainmentOutcome> {
    return {
      providerId: this.id,
      ok: true,
      revokedGrantIds: [],
      message:
        'Effective policy is now deny-all; gateways that load it refuse every call of this agent',
    };
  }

  async resumeAgent(): Promise<ContainmentOutcome> {
    return {
      providerId: this.id,
      ok: true,
      revokedGrantIds: [],
      message: 'Effective policy restored to the approved scope',
    };
  }

  async health(): Promise<ProviderHealth> {
    const lastDataAt = await this.db.telemetry.sources.lastDataAt();
    return lastDataAt
      ? { status: 'ok', lastDataAt }
      : { status: 'degraded', message: 'No telemetry has arrived yet' };
  }
}
