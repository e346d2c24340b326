// The example estate (examples/agents, examples/org.yaml) and the actors the generator runs:
// each agent with a story in estate.mjs, and the shadow agents.

import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SHADOW_AGENTS, STORIES } from './estate.mjs';

function readYaml(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

/** The example agents, and the members of each group (`acme`: everyone), under `root`. */
export function readEstate(root) {
  const dir = path.join(root, 'examples/agents');
  const agents = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(f => readYaml(path.join(dir, f)))
    .filter(e => e?.kind === 'Agent');
  const org = readYaml(path.join(root, 'examples/org.yaml'));
  const users = org.filter(e => e.kind === 'User').map(u => u.metadata.name);
  const members = group =>
    group === 'acme'
      ? users
      : org.find(e => e.kind === 'Group' && e.metadata.name === group)?.spec
          ?.members ?? [];
  return { agents, members };
}

/** Everything the generator needs about one agent, from its YAML or a shadow story. */
export function actorsOf({ agents, members }) {
  const actors = [];
  for (const [name, story] of Object.entries(STORIES)) {
    const entity = agents.find(a => a.metadata.name === name);
    if (!entity) {
      throw new Error(
        `estate.mjs has a story for ${name}, which examples/agents does not declare; remove the story or add the agent`,
      );
    }
    const { spec } = entity;
    const owners = members(spec.owner.replace(/^group:/, ''));
    // A group's members take turns; `user:<name>` is always that one person.
    const onBehalfOf = story.onBehalfOf?.startsWith('user:')
      ? [story.onBehalfOf.slice('user:'.length)]
      : story.onBehalfOf && members(story.onBehalfOf);
    if (onBehalfOf?.length === 0) {
      throw new Error(
        `${name}: group ${story.onBehalfOf} has no members in examples/org.yaml`,
      );
    }
    actors.push({
      name,
      agentName: story.agentName ?? name,
      identityId: spec.identity.id,
      model: spec.model,
      tools: new Map(spec.tools.map(t => [t.name, t])),
      approver: spec.sponsor ?? (owners[0] && `user:${owners[0]}`),
      onBehalfOf: onBehalfOf?.map(u => `user:default/${u}`),
      budgets: spec.budgets ?? {},
      story,
    });
  }
  for (const [name, story] of Object.entries(SHADOW_AGENTS)) {
    if (agents.some(a => a.spec.identity.id === story.identityId)) {
      throw new Error(
        `shadow agent ${name} uses ${story.identityId}, which an example agent declares; a shadow identity must match none`,
      );
    }
    actors.push({
      name,
      agentName: name,
      identityId: story.identityId,
      model: story.model,
      tools: new Map(),
      shadow: true,
      budgets: {},
      story,
    });
  }
  return actors;
}
