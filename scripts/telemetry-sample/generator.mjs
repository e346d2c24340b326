// Runs each actor's story over the sample's days: the invoke_agent span of every task, the
// tool calls inside it, and the grants those calls use (standing, reused for 1 h, or single-use
// once a human approved).

import { ANCHOR, DAY, DAYS, iso } from './period.mjs';
import { PRICES } from './prices.mjs';
import { Random } from './random.mjs';
import { TaskScope } from './taskScope.mjs';

/** How long a grant lives: an hour, or 15 minutes for a call a human approved. */
const GRANT_TTL = 3_600_000;
const APPROVAL_GRANT_TTL = 900_000;

/** `user:<name>` as a full entity ref in the default namespace. */
const userRef = ref =>
  ref?.includes('/') ? ref : ref?.replace(/^user:/, 'user:default/');

/** Generates the events and grants of every actor it runs, in the order it runs them. */
export class Generator {
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
