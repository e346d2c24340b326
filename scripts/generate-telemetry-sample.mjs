#!/usr/bin/env node
// Writes examples/telemetry/demo-estate.jsonl.gz: 35 days of enforcement-layer telemetry and
// grants for the example agents, deterministic (seeded, no clock). The stories and anomalies
// are in scripts/telemetry-sample/estate.mjs; the format is in examples/telemetry/README.md.
//
//   yarn telemetry:sample            (node scripts/generate-telemetry-sample.mjs [out.jsonl.gz])

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import {
  NEVER_CALLED,
  OVER_BUDGET,
  SHADOW_AGENTS,
  STORIES,
} from './telemetry-sample/estate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FORMAT = 'mandate.telemetry-sample/v1';
const ANCHOR = Date.UTC(2026, 10, 21); // start of the last day of the sample
const DAYS = 35;
const SEED = 20261121;
const DAY = 86_400_000;
const GRANT_TTL = 3_600_000;
const APPROVAL_GRANT_TTL = 900_000;
const MAX_FILE_BYTES = 1_500_000;

/** USD per million tokens (input, output), as the gateway prices them. */
const PRICES = {
  'claude-opus-4-5': [5, 25],
  'claude-sonnet-4-5': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
};

// ---------------------------------------------------------------------------------------
// Deterministic randomness: one stream per agent, so editing one story leaves the others.

function hash(text) {
  let h = 2166136261 ^ SEED;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

class Random {
  constructor(name) {
    this.state = hash(name);
  }

  /** mulberry32: a float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `n` give or take 15%. */
  around(n) {
    return Math.round(n * (0.85 + 0.3 * this.next()));
  }

  hourOf(weights) {
    let left = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let hour = 0; hour < weights.length; hour++) {
      left -= weights[hour];
      if (left < 0) return hour;
    }
    return weights.length - 1;
  }

  /** Skewed like latencies: mostly near `median`, now and then several times longer. */
  latency(median) {
    return Math.max(
      5,
      Math.round(median * Math.exp((this.next() - 0.5) * 1.6)),
    );
  }
}

// ---------------------------------------------------------------------------------------
// The example estate.

function readYaml(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

function readEstate() {
  const dir = path.join(ROOT, 'examples/agents');
  const agents = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(f => readYaml(path.join(dir, f)))
    .filter(e => e?.kind === 'Agent');
  const org = readYaml(path.join(ROOT, 'examples/org.yaml'));
  const users = org.filter(e => e.kind === 'User').map(u => u.metadata.name);
  const members = group =>
    group === 'acme'
      ? users
      : org.find(e => e.kind === 'Group' && e.metadata.name === group)?.spec
          ?.members ?? [];
  return { agents, members };
}

/** Everything the generator needs about one agent, from its YAML or a shadow story. */
function actorsOf({ agents, members }) {
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

// ---------------------------------------------------------------------------------------
// Generation.

const iso = ms => new Date(ms).toISOString();
const userRef = ref =>
  ref?.includes('/') ? ref : ref?.replace(/^user:/, 'user:default/');

/** Collects the tool calls a story makes in one task. */
class TaskScope {
  constructor(random) {
    this.random = random;
    this.calls = [];
  }
  int(a, b) {
    return this.random.int(a, b);
  }
  chance(p) {
    return this.random.chance(p);
  }
  around(n) {
    return this.random.around(n);
  }
  hourOf(w) {
    return this.random.hourOf(w);
  }
  call(tool, options = {}) {
    for (let i = 0; i < (options.times ?? 1); i++)
      this.calls.push({ tool, ...options });
  }
}

class Generator {
  events = [];
  grants = [];
  #tasks = 0;
  #grantIds = 0;

  run(actor) {
    const random = new Random(actor.name);
    const open = new Map(); // short-lived grants still usable, by tool and user
    const standing = new Map();
    for (const g of actor.story.standingGrants ?? []) {
      const grant = {
        id: g.id,
        agentIdentityId: actor.identityId,
        tool: g.tool,
        scope: g.scope,
        issuedAt: iso(ANCHOR - g.issuedAgo * DAY + 9 * 3_600_000),
        onBehalfOf: g.onBehalfOf,
      };
      this.grants.push(grant);
      standing.set(g.tool, grant);
    }
    const firstGrant = this.grants.length;

    for (let ago = DAYS - 1; ago >= 0; ago--) {
      const start = ANCHOR - ago * DAY;
      const weekday = new Date(start).getUTCDay();
      const day = { ago, start, weekend: weekday === 0 || weekday === 6 };
      if (actor.story.incidents && random.chance(actor.story.incidents)) {
        day.incident = random.int(1, 20) * 3_600_000;
      }
      const scope = new TaskScope(random);
      const count = actor.story.tasks(scope, day);
      const starts = Array.from({ length: count }, (_, i) => ({
        i,
        at: Math.min(actor.story.at(scope, day, i), DAY - 15 * 60_000),
      })).sort((a, b) => a.at - b.at);
      for (const { i, at } of starts) {
        const task = new TaskScope(random);
        actor.story.run(task, day, i);
        const user = actor.onBehalfOf && random.pick(actor.onBehalfOf);
        this.#task(actor, random, day, start + at, task.calls, user, {
          open,
          standing,
        });
      }
    }

    const suspended = actor.story.suspendedAt;
    if (suspended) {
      const at = ANCHOR - suspended.ago * DAY + suspended.hour * 3_600_000;
      for (const grant of this.grants.slice(firstGrant)) {
        const issued = Date.parse(grant.issuedAt);
        if (
          issued < at &&
          (!grant.expiresAt || Date.parse(grant.expiresAt) > at)
        ) {
          grant.revokedAt = iso(at + 2000);
        }
      }
    }
  }

  /** One invoke_agent span and the tool calls inside it. */
  #task(actor, random, day, startMs, calls, user, grants) {
    const taskId = `t${(this.#tasks++).toString(16).padStart(6, '0')}`;
    const answer = actor.story.answeredBy?.(day);
    const responseModel = answer?.model ?? actor.model.name;
    const [inPrice, outPrice] = PRICES[responseModel] ?? [];
    if (inPrice === undefined) {
      throw new Error(
        `${actor.name}: no price for model ${responseModel}; add it to PRICES`,
      );
    }
    const { input, output } = actor.story.tokens;
    const inputTokens = random.int(input[0], input[1]);
    const outputTokens = random.int(output[0], output[1]);
    const invoke = {
      id: `${taskId}.0`,
      operation: 'invoke_agent',
      agentIdentityId: actor.identityId,
      agentName: actor.agentName,
      requestModel: actor.model.name,
      responseModel,
      modelTier: answer?.tier ?? actor.model.tier,
      inputTokens,
      outputTokens,
      costUsd: round(
        (inputTokens * inPrice + outputTokens * outPrice) / 1e6,
        6,
      ),
      startedAt: iso(startMs),
      durationMs: 0,
      onBehalfOf: user,
    };
    this.events.push(invoke);

    let cursor = startMs + random.latency(1500);
    calls.forEach((call, index) => {
      const event = this.#toolCall(actor, random, call, cursor, user, grants);
      event.id = `${taskId}.${index + 1}`;
      this.events.push(event);
      cursor += event.durationMs + random.latency(400);
    });
    invoke.durationMs = cursor + random.latency(1200) - startMs;
  }

  #toolCall(actor, random, call, at, user, grants) {
    const tool = actor.tools.get(call.tool);
    if (!tool && !call.decision && !actor.shadow) {
      throw new Error(
        `${actor.name} calls ${call.tool}, which its manifest does not list; give the call an explicit decision and ruleId in estate.mjs`,
      );
    }
    const approval = tool?.approval === 'human';
    const decision =
      call.decision ??
      (actor.shadow ? 'allow' : approval ? 'require-approval' : 'allow');
    const ruleId =
      call.ruleId ??
      (actor.shadow
        ? actor.story.ruleId
        : approval
        ? 'manifest.approval-human'
        : 'manifest.allow');
    const errorType =
      call.errorType ??
      (decision !== 'deny' && random.chance(0.006)
        ? random.pick(['timeout', 'http.503', 'tool_error'])
        : undefined);
    const access = tool?.access ?? 'read';
    const durationMs =
      errorType === 'timeout'
        ? 30_000
        : random.latency({ read: 180, write: 450, destructive: 1400 }[access]);
    let grantId;
    if (decision !== 'deny') {
      grantId = this.#grantFor(
        actor,
        random,
        { name: call.tool, tool, ruleId },
        at,
        user,
        approval,
        grants,
      ).id;
    }
    return {
      id: '',
      operation: 'execute_tool',
      agentIdentityId: actor.identityId,
      agentName: actor.agentName,
      tool: call.tool,
      mcpMethod: 'tools/call',
      startedAt: iso(at),
      durationMs,
      errorType,
      decision,
      ruleId,
      grantId,
      onBehalfOf: user,
    };
  }

  /** The standing grant, a fresh single-use grant for an approved call, or a reused 1 h grant. */
  #grantFor(
    actor,
    random,
    { name, tool, ruleId },
    at,
    user,
    approval,
    { open, standing },
  ) {
    if (standing.has(name)) return standing.get(name);
    const key = `${name}|${user ?? ''}`;
    const reusable = open.get(key);
    if (!approval && reusable && Date.parse(reusable.expiresAt) - 60_000 > at) {
      return reusable;
    }
    const issued = at - random.int(150, 1500);
    const api = tool?.api?.replace(/^api:/, '') ?? 'gateway';
    const grant = {
      id: `g${(this.#grantIds++).toString(16).padStart(6, '0')}`,
      agentIdentityId: actor.identityId,
      tool: name,
      // A tool outside the manifest was opened by whatever route or rule let the call through.
      scope: !tool
        ? `rule:${ruleId}`
        : approval
        ? `${api}:${tool.access} once, approved by ${userRef(actor.approver)}`
        : `${api}:${tool.access}`,
      issuedAt: iso(issued),
      expiresAt: iso(issued + (approval ? APPROVAL_GRANT_TTL : GRANT_TTL)),
      onBehalfOf: user,
    };
    this.grants.push(grant);
    if (!approval) open.set(key, grant);
    return grant;
  }
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Drops undefined fields, so each line holds only what is set. */
function compact(record) {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  );
}

// ---------------------------------------------------------------------------------------
// Checks: the sample must tell the story the demo and its tests rely on.

function check(actors, events) {
  const problems = [];
  const rows = [];
  for (const actor of actors.filter(a => !a.shadow)) {
    const mine = events.filter(e => e.agentIdentityId === actor.identityId);
    for (const tool of NEVER_CALLED[actor.name] ?? []) {
      if (mine.some(e => e.tool === tool))
        problems.push(`${actor.name} calls ${tool}`);
    }
    const callsPerDay = new Map();
    let cost30 = 0;
    for (const e of mine) {
      const t = Date.parse(e.startedAt);
      const ago = (ANCHOR - (t - (t % DAY))) / DAY;
      if (e.operation === 'execute_tool') {
        callsPerDay.set(ago, (callsPerDay.get(ago) ?? 0) + 1);
      } else if (ago < 30) cost30 += e.costUsd;
    }
    const maxCalls = Math.max(0, ...callsPerDay.values());
    const { dailyToolCalls, monthlyUsd } = actor.budgets;
    const over = [];
    if (dailyToolCalls && maxCalls > dailyToolCalls)
      over.push('dailyToolCalls');
    if (monthlyUsd && cost30 > monthlyUsd) over.push('monthlyUsd');
    const expected = OVER_BUDGET[actor.name];
    if (over.join() !== (expected ?? '')) {
      problems.push(
        `${actor.name} is over budget on [${over}], expected [${
          expected ?? ''
        }]`,
      );
    }
    rows.push(
      `${actor.name.padEnd(26)} ${String(mine.length).padStart(
        6,
      )} events  max ${String(maxCalls).padStart(4)}/${
        dailyToolCalls ?? '-'
      } calls a day  ${cost30.toFixed(2).padStart(8)}/${
        monthlyUsd ?? '-'
      } USD in 30 days`,
    );
  }
  return { problems, rows };
}

// ---------------------------------------------------------------------------------------

function main() {
  const out = path.resolve(
    process.argv[2] ??
      path.join(ROOT, 'examples/telemetry/demo-estate.jsonl.gz'),
  );
  const actors = actorsOf(readEstate());
  const generator = new Generator();
  for (const actor of actors) generator.run(actor);

  const { problems, rows } = check(actors, generator.events);
  console.log(rows.join('\n'));
  if (problems.length) {
    throw new Error(
      `The sample breaks the demo story:\n  ${problems.join(
        '\n  ',
      )}\nAdjust scripts/telemetry-sample/estate.mjs.`,
    );
  }

  const records = [
    ...generator.events.map(event => ({
      at: event.startedAt,
      line: { event: compact(event) },
    })),
    ...generator.grants.map(grant => ({
      at: grant.issuedAt,
      line: { grant: compact(grant) },
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const header = {
    format: FORMAT,
    anchor: iso(ANCHOR),
    days: DAYS,
    generator: 'scripts/generate-telemetry-sample.mjs',
    seed: SEED,
    events: generator.events.length,
    grants: generator.grants.length,
  };
  const text =
    [header, ...records.map(r => r.line)]
      .map(l => JSON.stringify(l))
      .join('\n') + '\n';
  const gz = zlib.gzipSync(text, { level: 9 });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, gz);
  console.log(
    `Wrote ${path.relative(process.cwd(), out)}: ${header.events} events, ${
      header.grants
    } grants, ${actors.length} agents, ${DAYS} days, ${gz.length} bytes`,
  );
  if (gz.length > MAX_FILE_BYTES) {
    throw new Error(
      `The sample is ${gz.length} bytes, more than ${MAX_FILE_BYTES}; lower the volumes in scripts/telemetry-sample/estate.mjs`,
    );
  }
}

main();
