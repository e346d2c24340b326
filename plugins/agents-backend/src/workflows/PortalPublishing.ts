import {
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  agentRequestCreatePermission,
  getAgentOwnerRef,
  getAgentRef,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { parse, stringify } from 'yaml';
import { AgentsStore } from '../database/AgentsStore';
import { PortalAgentsStore } from '../database/PortalAgentsStore';
import { AgentAuthorizer } from '../permissions/AgentAuthorizer';

/** Where the catalog reads an agent published from the portal. */
export function portalYamlPath(entityRef: string): string {
  const [, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return `/v1/portal/agents/${namespace}/${name}/catalog-info.yaml`;
}

/**
 * Publishing without an SCM, for the demo: the scaffolder stores an agent's
 * catalog-info.yaml here and registers its URL in the catalog, as `publish:github` and
 * `catalog:register` would with a repository.
 */
export class PortalPublishing {
  constructor(
    private readonly store: PortalAgentsStore,
    private readonly agents: AgentsStore,
    private readonly authorizer: AgentAuthorizer,
    private readonly discovery: DiscoveryService,
    private readonly clock: () => Date,
  ) {}

  async publish(
    entity: unknown,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ entityRef: string; catalogInfoUrl: string }> {
    const issues = validateAgentEntity(entity);
    if (issues.length > 0) {
      throw new InputError(
        issues.map(i => `body.entity.${i.field}: ${i.message}`).join('; '),
      );
    }
    const agent = entity as AgentEntityV1alpha1;
    const entityRef = getAgentRef(agent);
    await this.authorizer.assert(
      agentRequestCreatePermission,
      { entityRef, ownerRef: getAgentOwnerRef(agent) },
      credentials,
      'publish',
    );
    // A published manifest, and an agent Mandate governs, belong to their owner: only that
    // owner (or security) may publish over them, whatever owner the new manifest names.
    for (const ownerRef of await this.currentOwners(entityRef)) {
      await this.authorizer.assert(
        agentRequestCreatePermission,
        { entityRef, ownerRef },
        credentials,
        'publish over the manifest of',
      );
    }
    await this.store.put({
      entityRef,
      yaml: stringify(agent),
      publishedBy: credentials.principal.userEntityRef,
      publishedAt: this.clock().toISOString(),
    });
    const base = await this.discovery.getExternalBaseUrl('agents');
    return { entityRef, catalogInfoUrl: `${base}${portalYamlPath(entityRef)}` };
  }

  /** The owners the agent has now: of its published manifest, and in Mandate's record. */
  private async currentOwners(entityRef: string): Promise<string[]> {
    const owners = new Set<string>();
    const published = await this.store.get(entityRef);
    if (published) {
      owners.add(
        getAgentOwnerRef(parse(published.yaml) as AgentEntityV1alpha1),
      );
    }
    const governed = await this.agents.get(entityRef);
    if (governed) owners.add(governed.ownerRef);
    return [...owners];
  }

  async read(namespace: string, name: string): Promise<string> {
    const published = await this.store.get(`agent:${namespace}/${name}`);
    if (!published)
      throw new NotFoundError(
        `No agent ${namespace}/${name} was published from the portal`,
      );
    return published.yaml;
  }
}
