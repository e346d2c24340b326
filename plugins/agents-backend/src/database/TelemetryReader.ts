import { Knex } from 'knex';
import { DailyActivity, ModelActivity } from '@mandate/plugin-agents-common';
import { AgentGrant, ToolUsage } from '@mandate/plugin-agents-node';
import { addBuckets, emptyBuckets, percentileMs } from '../domain/latency';
import { compact } from './json';
import {
  LATENCY_COLUMNS,
  SeenIdentity,
  ToolActivity,
  dayOf,
  daysOf,
  grantFromRow,
} from './telemetryRows';

/** Reads what the enforcement layer reported: rollups, models, grants and recent names. */
export class TelemetryReader {
  constructor(private readonly knex: Knex) {}

  /** Per-tool usage in [from, to), with grants issued, for reviews and checks. */
  async usage(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ToolUsage[]> {
    const tools = await this.toolActivity(identityKeys, from, to);
    const issued: any[] = await this.knex('telemetry_grants')
      .whereIn('identity_key', identityKeys)
      .where('issued_at', '>=', from.toISOString())
      .where('issued_at', '<', to.toISOString())
      .groupBy('tool')
      .select('tool')
      .count({ n: '*' });
    const issuedByTool = new Map(issued.map(r => [r.tool, Number(r.n)]));
    const usage: ToolUsage[] = tools.map(t => ({
      tool: t.tool,
      calls: t.calls,
      denials: t.denials,
      errors: t.errors,
      lastUsedAt: t.lastSeenAt,
      grantsIssued: issuedByTool.get(t.tool) ?? 0,
    }));
    for (const [tool, n] of issuedByTool) {
      if (!tools.some(t => t.tool === tool)) {
        usage.push({ tool, calls: 0, denials: 0, errors: 0, grantsIssued: n });
      }
    }
    return usage;
  }

  /** Rollup rows of the UTC days that [from, to) touches. */
  private rollups(identityKeys: string[], from: Date, to: Date) {
    const [firstDay, lastDay] = daysOf(from, to);
    return this.knex('telemetry_rollups')
      .whereIn('identity_key', identityKeys)
      .whereBetween('day', [firstDay, lastDay]);
  }

  async daily(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<DailyActivity[]> {
    const rows: any[] = await this.rollups(identityKeys, from, to)
      .groupBy('day')
      .orderBy('day')
      .select('day')
      .sum({
        calls: 'calls',
        denials: 'denials',
        errors: 'errors',
        inputTokens: 'input_tokens',
        outputTokens: 'output_tokens',
        costUsd: 'cost_usd',
      });
    return rows.map(r => ({
      day: r.day,
      calls: Number(r.calls),
      denials: Number(r.denials),
      errors: Number(r.errors),
      inputTokens: Number(r.inputTokens),
      outputTokens: Number(r.outputTokens),
      costUsd: Math.round(Number(r.costUsd) * 100) / 100,
    }));
  }

  /** Calls, and calls that carried a gateway policy decision, in a window. */
  async decisionTotals(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<{ calls: number; decisions: number }> {
    const [row]: any[] = await this.rollups(identityKeys, from, to).sum({
      calls: 'calls',
      decisions: 'decisions',
    });
    return {
      calls: Number(row?.calls ?? 0),
      decisions: Number(row?.decisions ?? 0),
    };
  }

  /** Tool calls (not agent invocations) per day, for daily budgets. */
  async toolCallsPerDay(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<{ day: string; calls: number }[]> {
    const rows: any[] = await this.rollups(identityKeys, from, to)
      .andWhere('tool', '<>', '')
      .groupBy('day')
      .orderBy('day')
      .select('day')
      .sum({ calls: 'calls' });
    return rows.map(r => ({ day: r.day, calls: Number(r.calls) }));
  }

  /** The agent names an identity reported within raw-event retention. */
  async reportedNames(identityKey: string): Promise<string[]> {
    return this.knex('telemetry_identity_names')
      .where({ identity_key: identityKey })
      .orderBy('agent_name')
      .pluck('agent_name');
  }

  async toolActivity(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ToolActivity[]> {
    const rows = await this.rollups(identityKeys, from, to).andWhere(
      'tool',
      '<>',
      '',
    );
    const byTool = new Map<string, ToolActivity & { buckets: number[] }>();
    for (const row of rows) {
      const t = byTool.get(row.tool) ?? {
        tool: row.tool,
        calls: 0,
        denials: 0,
        approvalsRequired: 0,
        errors: 0,
        lastSeenAt: row.last_seen_at,
        buckets: emptyBuckets(),
      };
      t.calls += Number(row.calls);
      t.denials += Number(row.denials);
      t.approvalsRequired += Number(row.approvals_required);
      t.errors += Number(row.errors);
      if (row.last_seen_at > t.lastSeenAt) t.lastSeenAt = row.last_seen_at;
      addBuckets(
        t.buckets,
        LATENCY_COLUMNS.map(c => Number(row[c])),
      );
      byTool.set(row.tool, t);
    }
    return [...byTool.values()]
      .map(({ buckets, ...t }) =>
        compact({
          ...t,
          p50Ms: percentileMs(buckets, 0.5),
          p95Ms: percentileMs(buckets, 0.95),
        }),
      )
      .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
  }

  /**
   * Per model and tier in [from, to): calls, tokens and cost, and the last day it answered;
   * busiest first.
   */
  async models(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ModelActivity[]> {
    const rows: any[] = await this.knex('telemetry_models')
      .whereIn('identity_key', identityKeys)
      .whereBetween('day', daysOf(from, to))
      .groupBy('model', 'tier')
      .select('model', 'tier')
      .sum({
        calls: 'calls',
        inputTokens: 'input_tokens',
        outputTokens: 'output_tokens',
        costUsd: 'cost_usd',
      })
      .max({ lastDay: 'day' });
    return rows
      .map(r =>
        compact({
          model: r.model,
          tier: r.tier || undefined,
          calls: Number(r.calls),
          inputTokens: Number(r.inputTokens),
          outputTokens: Number(r.outputTokens),
          // to the micro-dollar, as gateways price a call: a sum of doubles carries noise
          costUsd: Math.round(Number(r.costUsd) * 1e6) / 1e6,
          lastDay: r.lastDay,
        }),
      )
      .sort(
        (a, b) =>
          b.calls - a.calls ||
          a.model.localeCompare(b.model) ||
          (a.tier ?? '').localeCompare(b.tier ?? ''),
      );
  }

  /** Every grant the enforcement layer reported for these identities, newest first. */
  async grants(identityKeys: string[]): Promise<AgentGrant[]> {
    const rows = await this.knex('telemetry_grants')
      .whereIn('identity_key', identityKeys)
      .orderBy('issued_at', 'desc');
    return rows.map(grantFromRow);
  }

  /** Identities with events since `since`, with totals: the input of shadow-agent checks. */
  async identitiesSince(since: Date): Promise<SeenIdentity[]> {
    const rows: any[] = await this.knex('telemetry_rollups')
      .where('day', '>=', dayOf(since.toISOString()))
      .groupBy('identity_key', 'tool')
      .select('identity_key', 'tool')
      .sum({ calls: 'calls' })
      .min({ firstDay: 'day' })
      .max({ lastSeenAt: 'last_seen_at' });
    const byKey = new Map<string, SeenIdentity>();
    for (const r of rows) {
      const seen: SeenIdentity = byKey.get(r.identity_key) ?? {
        identityKey: r.identity_key,
        calls: 0,
        tools: [],
        firstDay: r.firstDay,
        lastSeenAt: r.lastSeenAt,
      };
      seen.calls += Number(r.calls);
      if (r.tool) seen.tools.push(r.tool);
      if (r.firstDay < seen.firstDay) seen.firstDay = r.firstDay;
      if (r.lastSeenAt > seen.lastSeenAt) seen.lastSeenAt = r.lastSeenAt;
      byKey.set(r.identity_key, seen);
    }
    return [...byKey.values()];
  }
}
