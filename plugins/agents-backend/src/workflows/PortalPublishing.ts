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
import { Knex } from 'knex';
import { stringify } from 'yaml';
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
    private readonly knex: Knex,
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
    const row = {
      entity_ref: entityRef,
      yaml: stringify(agent),
      published_by: credentials.principal.userEntityRef,
      published_at: this.clock().toISOString(),
    };
    await this.knex('portal_agents')
      .insert(row)
      .onConflict('entity_ref')
      .merge();
    const base = await this.discovery.getExternalBaseUrl('agents');
    return { entityRef, catalogInfoUrl: `${base}${portalYamlPath(entityRef)}` };
  }

  async read(namespace: string, name: string): Promise<string> {
    const row = await this.knex('portal_agents')
      .where({ entity_ref: `agent:${namespace}/${name}` })
      .first();
    if (!row)
      throw new NotFoundError(
        `No agent ${namespace}/${name} was published from the portal`,
      );
    return row.yaml;
  }
}
