import { AgentGrant } from '@mandate/plugin-agents-node';

/** A grant is standing when it never expires or lives longer than `standingAfterMs`. */
export function isStandingGrant(grant: AgentGrant, standingAfterMs: number) {
  if (!grant.expiresAt) return true;
  return (
    Date.parse(grant.expiresAt) - Date.parse(grant.issuedAt) > standingAfterMs
  );
}
