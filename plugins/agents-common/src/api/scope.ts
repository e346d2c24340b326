import { AgentEntityV1alpha1, accessRank } from '../entity/AgentEntityV1alpha1';
import type { components } from '../schema/openapi/generated';

/** The part of a manifest that governance approves: tools and data classes. @public */
export type AgentScope = components['schemas']['Scope'];

/** One difference between two scopes, from the point of view of `to`. @public */
export type ScopeChange = components['schemas']['ScopeChange'];

/** Changes that widen what the agent may do; they need a security approval. @public */
export const EXPANDING_CHANGES: ReadonlyArray<ScopeChange['kind']> = [
  'tool-added',
  'access-raised',
  'approval-removed',
  'constraints-changed',
  'data-class-added',
];

/** The scope an Agent entity declares in its YAML. @public */
export function scopeOfEntity(agent: AgentEntityV1alpha1): AgentScope {
  return {
    dataClasses: [...(agent.spec.dataClasses ?? [])],
    tools: agent.spec.tools.map(tool => ({ ...tool })),
  };
}

const stable = (value: unknown) => JSON.stringify(value ?? null);

function diffDataClasses(
  from: string[] = [],
  to: string[] = [],
  tool?: string,
): ScopeChange[] {
  const changes: ScopeChange[] = [];
  for (const dataClass of to) {
    if (!from.includes(dataClass))
      changes.push({ kind: 'data-class-added', dataClass, tool });
  }
  for (const dataClass of from) {
    if (!to.includes(dataClass))
      changes.push({ kind: 'data-class-removed', dataClass, tool });
  }
  return changes;
}

/** Every change that turns scope `from` into scope `to`. @public */
export function diffScopes(from: AgentScope, to: AgentScope): ScopeChange[] {
  const changes = diffDataClasses(from.dataClasses, to.dataClasses);
  const before = new Map(from.tools.map(tool => [tool.name, tool]));
  for (const tool of to.tools) {
    const old = before.get(tool.name);
    if (!old) {
      changes.push({
        kind: 'tool-added',
        tool: tool.name,
        access: tool.access,
      });
      continue;
    }
    if (accessRank(tool.access) > accessRank(old.access)) {
      changes.push({
        kind: 'access-raised',
        tool: tool.name,
        from: old.access,
        to: tool.access,
      });
    } else if (accessRank(tool.access) < accessRank(old.access)) {
      changes.push({
        kind: 'access-lowered',
        tool: tool.name,
        from: old.access,
        to: tool.access,
      });
    }
    const oldApproval = old.approval ?? 'none';
    const newApproval = tool.approval ?? 'none';
    if (oldApproval === 'human' && newApproval === 'none') {
      changes.push({ kind: 'approval-removed', tool: tool.name });
    } else if (oldApproval === 'none' && newApproval === 'human') {
      changes.push({ kind: 'approval-added', tool: tool.name });
    }
    if (stable(old.constraints) !== stable(tool.constraints)) {
      changes.push({ kind: 'constraints-changed', tool: tool.name });
    }
    changes.push(
      ...diffDataClasses(old.dataClasses, tool.dataClasses, tool.name),
    );
  }
  const after = new Set(to.tools.map(tool => tool.name));
  for (const tool of from.tools) {
    if (!after.has(tool.name))
      changes.push({ kind: 'tool-removed', tool: tool.name });
  }
  return changes;
}

/** True when any change widens the scope. @public */
export function isExpansion(changes: ScopeChange[]): boolean {
  return changes.some(change => EXPANDING_CHANGES.includes(change.kind));
}

/** The scope with the named tools taken out (a revocation). @public */
export function withoutTools(
  scope: AgentScope,
  toolNames: string[],
): AgentScope {
  return {
    dataClasses: [...scope.dataClasses],
    tools: scope.tools.filter(tool => !toolNames.includes(tool.name)),
  };
}
