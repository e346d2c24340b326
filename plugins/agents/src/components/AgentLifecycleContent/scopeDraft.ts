import {
  AgentScope,
  AgentTool,
  ScopeChange,
  ToolAccess,
  validateAgentScope,
} from '@mandate/plugin-agents-common';

/** Problems of a draft scope by field: `dataClasses`, `tools[2].name`, `tools[0].dataClasses`. */
export type ScopeProblems = Record<string, string>;

/**
 * Checks a scope with the Agent kind's own rules, the ones the backend applies to a
 * scope change.
 */
export function scopeProblems(scope: AgentScope): ScopeProblems {
  const problems: ScopeProblems = {};
  for (const issue of validateAgentScope(scope)) {
    // tools[1].dataClasses[0] -> tools[1].dataClasses: one message per form field
    const field = issue.field.replace(/\[\d+\]$/, '');
    problems[field] ??= issue.message.replace(
      /spec\.dataClasses/g,
      'the agent’s data classes',
    );
  }
  return problems;
}

/** Why a tool of this name cannot be added, or undefined when it can. */
export function newToolProblem(
  scope: AgentScope,
  name: string,
): string | undefined {
  if (!name.trim()) {
    return 'Name the tool as the gateway reports it, such as orders.lookup.';
  }
  if (scope.tools.some(tool => tool.name === name.trim())) {
    return `${name.trim()} is already in the scope; change its access instead.`;
  }
  const probe = addTool(scope, name, 'read');
  return scopeProblems(probe)[`tools[${probe.tools.length - 1}].name`];
}

export function addTool(
  scope: AgentScope,
  name: string,
  access: ToolAccess,
): AgentScope {
  return { ...scope, tools: [...scope.tools, { name: name.trim(), access }] };
}

export function removeTool(scope: AgentScope, name: string): AgentScope {
  return { ...scope, tools: scope.tools.filter(tool => tool.name !== name) };
}

export function updateTool(
  scope: AgentScope,
  name: string,
  patch: Partial<Pick<AgentTool, 'access' | 'approval' | 'dataClasses'>>,
): AgentScope {
  return {
    ...scope,
    tools: scope.tools.map(tool =>
      tool.name === name ? { ...tool, ...patch } : tool,
    ),
  };
}

/** One change in words, for the preview of a scope change. */
export function describeChange(change: ScopeChange): string {
  switch (change.kind) {
    case 'tool-added':
      return `add ${change.tool} (${change.access})`;
    case 'tool-removed':
      return `remove ${change.tool}`;
    case 'access-raised':
      return `raise ${change.tool} from ${change.from} to ${change.to}`;
    case 'access-lowered':
      return `lower ${change.tool} from ${change.from} to ${change.to}`;
    case 'approval-added':
      return `require a human approval for each call of ${change.tool}`;
    case 'approval-removed':
      return `stop requiring a human approval for ${change.tool}`;
    case 'constraints-changed':
      return `change the constraints of ${change.tool}`;
    case 'data-class-added':
      return change.tool
        ? `let ${change.tool} reach ${change.dataClass}`
        : `add the data class ${change.dataClass}`;
    case 'data-class-removed':
      return change.tool
        ? `stop ${change.tool} reaching ${change.dataClass}`
        : `remove the data class ${change.dataClass}`;
    default:
      return JSON.stringify(change);
  }
}
