import { EffectivePolicy, PolicyBundle, PolicyTool } from './effectivePolicy';

/**
 * The Cedar schema the exported policies validate against: an agent (by identity id) calls a
 * tool (by name); `context.approved` carries a per-call human approval.
 */
export const CEDAR_SCHEMA = `namespace Mandate {
  entity Agent;
  entity Tool;
  action callTool appliesTo {
    principal: [Agent],
    resource: [Tool],
    context: { approved?: Bool }
  };
}
`;

/** Control characters and line separators: escaped in strings, blanked in comments. */
const isControl = (char: string) => {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
};

/** A Cedar string literal: quotes, backslashes and control characters escaped. */
export function cedarString(value: string): string {
  let out = '"';
  for (const char of value) {
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (isControl(char))
      out += `\\u{${char.codePointAt(0)!.toString(16)}}`;
    else out += char;
  }
  return `${out}"`;
}

/** Text for a `//` comment: one line, whatever the value holds. */
const commentText = (value: string) =>
  Array.from(value, char => (isControl(char) ? ' ' : char)).join('');

const agentUid = (identity: string) =>
  `Mandate::Agent::${cedarString(identity)}`;
const CALL_TOOL = 'Mandate::Action::"callTool"';

function permitTool(document: EffectivePolicy, tool: PolicyTool): string {
  const annotations = [
    `@id(${cedarString(`${document.agent.ref}/${tool.name}`)})`,
    `@policyHash(${cedarString(document.hash)})`,
  ];
  if (Object.keys(tool.constraints).length > 0) {
    // Cedar cannot enforce free-form constraints; the gateway reads them from here.
    annotations.push(
      `@constraints(${cedarString(JSON.stringify(tool.constraints))})`,
    );
  }
  const condition = tool.requiresApproval
    ? '\nwhen { context has approved && context.approved == true }'
    : '';
  return `${annotations.join('\n')}
permit (
  principal == ${agentUid(document.agent.identity)},
  action == ${CALL_TOOL},
  resource == Mandate::Tool::${cedarString(tool.name)}
)${condition};`;
}

function forbidAll(document: EffectivePolicy): string {
  return `@id(${cedarString(`${document.agent.ref}/deny-all`)})
@policyHash(${cedarString(document.hash)})
forbid (
  principal == ${agentUid(document.agent.identity)},
  action,
  resource
);`;
}

function policyBody(document: EffectivePolicy): string[] {
  if (document.effect === 'deny-all') return [forbidAll(document)];
  return document.tools.map(tool => permitTool(document, tool));
}

function header(document: EffectivePolicy): string {
  const lines = [
    `Mandate effective policy for ${document.agent.ref} (${document.agent.state})`,
    `identity ${document.agent.identity}`,
    `policy hash ${document.hash}`,
    document.effect === 'deny-all'
      ? `deny-all: ${document.reason ?? 'the agent may not call tools'}`
      : `approved scope v${document.approvedScopeVersion}; every tool not permitted here is denied`,
  ];
  return lines.map(line => `// ${commentText(line)}`).join('\n');
}

/** One agent's policy as Cedar: a permit per allowed tool, or one forbid for everything. */
export function policyToCedar(document: EffectivePolicy): string {
  return `${[header(document), ...policyBody(document)].join('\n\n')}\n`;
}

/** Every agent's policies in one Cedar policy set. */
export function bundleToCedar(bundle: PolicyBundle): string {
  const head = [
    `// Mandate policy bundle of ${bundle.policies.length} agents`,
    `// bundle hash ${bundle.hash}`,
  ].join('\n');
  return [head, ...bundle.policies.map(policyToCedar)].join('\n\n');
}
