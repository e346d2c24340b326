import { LoggerService } from '@backstage/backend-plugin-api';
import { EnforcementStatus } from '@mandate/plugin-agents-common';
import { ToolUsage } from '@mandate/plugin-agents-node';
import {
  AgentGrant,
  AgentIdentity,
  ContainmentOutcome,
  EnforcementLayerProvider,
  isGrantActive,
} from '@mandate/plugin-agents-node';

/** The note shown wherever Mandate would rely on an enforcement layer but has none. */
export const NO_PROVIDER_NOTE =
  'No enforcement layer is installed: Mandate records decisions, but nothing revokes credentials or reports usage. Install a provider module (see agents-node).';

/** Fans calls out to every installed enforcement-layer provider. */
export class Enforcement {
  constructor(
    private readonly providers: EnforcementLayerProvider[],
    private readonly logger: LoggerService,
  ) {}

  get installed(): boolean {
    return this.providers.length > 0;
  }

  get providerIds(): string[] {
    return this.providers.map(p => p.id);
  }

  /** Grants that are neither revoked nor expired, from every provider. */
  async activeGrants(agent: AgentIdentity, now: Date): Promise<AgentGrant[]> {
    const lists = await Promise.all(
      this.providers.map(p => p.listGrants({ agent, activeOnly: true })),
    );
    // A grant reported by several providers (a gateway and its OTLP export) counts once.
    const byId = new Map(lists.flat().map(grant => [grant.id, grant]));
    return [...byId.values()].filter(grant => isGrantActive(grant, now));
  }

  /** Per-tool usage summed over providers; undefined when no provider is installed. */
  async usage(
    agent: AgentIdentity,
    from: Date,
    to: Date,
  ): Promise<ToolUsage[] | undefined> {
    if (!this.installed) return undefined;
    const byTool = new Map<string, ToolUsage>();
    for (const provider of this.providers) {
      for (const usage of await provider.queryTelemetry({ agent, from, to })) {
        const sum = byTool.get(usage.tool);
        if (!sum) {
          byTool.set(usage.tool, { ...usage });
          continue;
        }
        sum.calls += usage.calls;
        sum.denials += usage.denials;
        sum.errors += usage.errors;
        sum.grantsIssued += usage.grantsIssued;
        if (
          usage.lastUsedAt &&
          (!sum.lastUsedAt || usage.lastUsedAt > sum.lastUsedAt)
        ) {
          sum.lastUsedAt = usage.lastUsedAt;
        }
      }
    }
    return [...byTool.values()];
  }

  /** Each provider's own health; a provider that throws is reported down. */
  async health(): Promise<EnforcementStatus['providers']> {
    return Promise.all(
      this.providers.map(async provider => {
        try {
          return { id: provider.id, ...(await provider.health()) };
        } catch (error) {
          return {
            id: provider.id,
            status: 'down' as const,
            message: String(error),
          };
        }
      }),
    );
  }

  suspend(agent: AgentIdentity, reason: string): Promise<ContainmentOutcome[]> {
    return this.everyProvider(
      p => p.suspendAgent({ agent, reason }),
      'suspend',
    );
  }

  resume(agent: AgentIdentity, reason: string): Promise<ContainmentOutcome[]> {
    return this.everyProvider(p => p.resumeAgent({ agent, reason }), 'resume');
  }

  /** Runs on each provider; a failing provider becomes a failed outcome, not an exception. */
  private async everyProvider(
    call: (provider: EnforcementLayerProvider) => Promise<ContainmentOutcome>,
    what: string,
  ): Promise<ContainmentOutcome[]> {
    return Promise.all(
      this.providers.map(async provider => {
        try {
          return await call(provider);
        } catch (error) {
          this.logger.warn(
            `Enforcement provider ${provider.id} failed to ${what}`,
            {
              error: String(error),
            },
          );
          return {
            providerId: provider.id,
            ok: false,
            revokedGrantIds: [],
            message: `${what} failed: ${String(error)}`,
          };
        }
      }),
    );
  }
}
