import {
  AgentGrant,
  ContainmentOutcome,
  EnforcementLayerProvider,
  ProviderHealth,
  ToolUsage,
} from '../types';
import { AgentsClock } from '../clock';

/**
 * An in-memory enforcement layer for tests of code that calls one: it holds grants and
 * usage per identity, and revokes grants when asked to suspend.
 * @public
 */
export class InMemoryEnforcementLayer implements EnforcementLayerProvider {
  readonly id: string;
  private readonly clock: AgentsClock;

  /** `clock` stamps revocations; pass the test's clock. */
  constructor(options: { id?: string; clock: AgentsClock }) {
    this.id = options.id ?? 'in-memory-gateway';
    this.clock = options.clock;
  }

  readonly grants: AgentGrant[] = [];
  readonly usage = new Map<string, ToolUsage[]>();
  readonly calls: string[] = [];
  /** When true, suspend leaves grants in place (a revocation that did not take). */
  revocationFails = false;

  async listGrants({
    agent,
    activeOnly,
  }: {
    agent: { identityId: string };
    activeOnly?: boolean;
  }) {
    return this.grants.filter(
      g =>
        g.agentIdentityId === agent.identityId && (!activeOnly || !g.revokedAt),
    );
  }

  async queryTelemetry({ agent }: { agent: { identityId: string } }) {
    return this.usage.get(agent.identityId) ?? [];
  }

  async suspendAgent({
    agent,
  }: {
    agent: { identityId: string };
  }): Promise<ContainmentOutcome> {
    this.calls.push(`suspend ${agent.identityId}`);
    const revoked: string[] = [];
    if (!this.revocationFails) {
      for (const grant of this.grants) {
        if (grant.agentIdentityId === agent.identityId && !grant.revokedAt) {
          grant.revokedAt = this.clock.now().toISOString();
          revoked.push(grant.id);
        }
      }
    }
    return {
      providerId: this.id,
      ok: !this.revocationFails,
      revokedGrantIds: revoked,
      message: 'blocked',
    };
  }

  async resumeAgent({
    agent,
  }: {
    agent: { identityId: string };
  }): Promise<ContainmentOutcome> {
    this.calls.push(`resume ${agent.identityId}`);
    return {
      providerId: this.id,
      ok: true,
      revokedGrantIds: [],
      message: 'unblocked',
    };
  }

  async health(): Promise<ProviderHealth> {
    return { status: 'ok' };
  }
}
