import {
  AgentGrant,
  AgentIdentity,
  ContainmentOutcome,
  EnforcementLayerProvider,
  ProviderHealth,
  ToolUsage,
  isGrantActive,
} from '@mandate/plugin-agents-node';
import { Knex } from 'knex';
import { parseEntityRef } from '@backstage/catalog-model';
import { identityKeysOfAgent } from '../domain/identity';
import { TelemetryStore } from './TelemetryStore';

const keysOf = (agent: AgentIdentity) =>
  identityKeysOfAgent({
    identityId: agent.identityId,
    name: parseEntityRef(agent.entityRef).name,
  });

/**
 * Answers for the telemetry Mandate received (OTLP and pull sources): grants and usage as
 * stored. It has no control channel; containment takes effect through the effective
 * policy, which is deny-all for a suspended agent.
 */
export class TelemetryStoreProvider implements EnforcementLayerProvider {
  readonly id = 'mandate-telemetry';

  constructor(
    private readonly store: TelemetryStore,
    private readonly knex: Knex,
    private readonly clock: () => Date,
  ) {}

  async listGrants(options: {
    agent: AgentIdentity;
    activeOnly?: boolean;
  }): Promise<AgentGrant[]> {
    const grants = await this.store.grants(keysOf(options.agent));
    return options.activeOnly
      ? grants.filter(g => isGrantActive(g, this.clock()))
      : grants;
  }

  queryTelemetry(options: {
    agent: AgentIdentity;
    from: Date;
    to: Date;
  }): Promise<ToolUsage[]> {
    return this.store.usage(keysOf(options.agent), options.from, options.to);
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
    const row = await this.knex('telemetry_sources').max({
      last: 'last_data_at',
    });
    const lastDataAt = row[0]?.last ?? undefined;
    return lastDataAt
      ? { status: 'ok', lastDataAt }
      : { status: 'degraded', message: 'No telemetry has arrived yet' };
  }
}
