/**
 * Telemetry is keyed by the identity the enforcement layer reported: `gen_ai.agent.id`
 * (an agent's `spec.identity.id`), or `name:<gen_ai.agent.name>` when no id was sent.
 */
export function identityKeyOf(event: {
  agentIdentityId?: string;
  agentName?: string;
}): string | undefined {
  if (event.agentIdentityId) return event.agentIdentityId;
  if (event.agentName) return `name:${event.agentName}`;
  return undefined;
}

/** The keys under which an agent's telemetry may have arrived. */
export function identityKeysOfAgent(agent: {
  identityId: string;
  name: string;
}): string[] {
  return [agent.identityId, `name:${agent.name}`];
}
