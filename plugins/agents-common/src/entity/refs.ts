import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { AgentEntityV1alpha1, AgentTool } from './AgentEntityV1alpha1';

/** The kinds each reference field of an Agent may point at; the first is the default. */
export const AGENT_REF_KINDS = {
  owner: ['group', 'user'],
  sponsor: ['user'],
  system: ['system'],
  api: ['api'],
} as const;

/** @public */
export type AgentRefField = keyof typeof AGENT_REF_KINDS;

function namespaceOf(agent: { metadata: { namespace?: string } }): string {
  return agent.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/**
 * Resolves a short reference written in an Agent (`dana.lee`, `group:payments`) to a
 * full entity ref (`user:default/dana.lee`), using the kind the field defaults to and
 * the agent's namespace.
 * @public
 */
export function resolveAgentRef(
  field: AgentRefField,
  ref: string,
  namespace: string = DEFAULT_NAMESPACE,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: AGENT_REF_KINDS[field][0],
      defaultNamespace: namespace,
    }),
  );
}

/** The full ref of the owning group or user. @public */
export function getAgentOwnerRef(agent: AgentEntityV1alpha1): string {
  return resolveAgentRef('owner', agent.spec.owner, namespaceOf(agent));
}

/** The full ref of the sponsoring user, if any. @public */
export function getAgentSponsorRef(
  agent: AgentEntityV1alpha1,
): string | undefined {
  return agent.spec.sponsor
    ? resolveAgentRef('sponsor', agent.spec.sponsor, namespaceOf(agent))
    : undefined;
}

/** The full ref of the agent's system, if any. @public */
export function getAgentSystemRef(
  agent: AgentEntityV1alpha1,
): string | undefined {
  return agent.spec.system
    ? resolveAgentRef('system', agent.spec.system, namespaceOf(agent))
    : undefined;
}

/** The full ref of the API that serves a tool, if declared. @public */
export function getToolApiRef(
  agent: AgentEntityV1alpha1,
  tool: AgentTool,
): string | undefined {
  return tool.api
    ? resolveAgentRef('api', tool.api, namespaceOf(agent))
    : undefined;
}

/** The distinct API refs the agent's tools reach, in manifest order. @public */
export function getAgentApiRefs(agent: AgentEntityV1alpha1): string[] {
  const refs = new Set<string>();
  for (const tool of agent.spec.tools) {
    const ref = getToolApiRef(agent, tool);
    if (ref) refs.add(ref);
  }
  return [...refs];
}

/** The full ref of the agent itself (`agent:default/refund-assistant`). @public */
export function getAgentRef(agent: AgentEntityV1alpha1): string {
  return stringifyEntityRef(agent);
}

/**
 * Path of an agent's page in a Backstage app (`/catalog/default/agent/refund-assistant`),
 * optionally of one of its tabs, for links in notifications, scaffolder output and the UI.
 * @public
 */
export function agentPagePath(entityRef: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'agent',
  });
  const path = `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}`;
  return tab ? `${path}/${tab}` : path;
}
