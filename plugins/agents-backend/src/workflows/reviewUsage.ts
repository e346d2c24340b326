import { AgentScope, ReviewToolUsage } from '@mandate/plugin-agents-common';
import { AgentRecord } from '../domain/agentRecord';
import { Enforcement } from '../enforcement/Enforcement';

/**
 * What an owner sees per tool in a review: access, data classes and usage in the period.
 * A tool that was not called in the period is recommended for revocation; without an
 * enforcement layer usage is unknown and every tool is recommended to keep.
 */
export async function reviewToolUsage(
  enforcement: Enforcement,
  agent: AgentRecord,
  tools: AgentScope['tools'],
  periodStart: string,
  now: Date,
): Promise<ReviewToolUsage[]> {
  const usage = await enforcement.usage(
    { entityRef: agent.entityRef, identityId: agent.identityId },
    new Date(periodStart),
    now,
  );
  return tools.map(tool => {
    const used = usage?.find(u => u.tool === tool.name);
    const calls = used?.calls ?? 0;
    return {
      tool: tool.name,
      access: tool.access,
      dataClasses: tool.dataClasses ?? [],
      calls,
      denials: used?.denials ?? 0,
      ...(used?.lastUsedAt ? { lastUsedAt: used.lastUsedAt } : {}),
      grantsIssued: used?.grantsIssued ?? 0,
      recommendation: usage && calls === 0 ? 'revoke' : 'keep',
      usageKnown: usage !== undefined,
    };
  });
}
