import { TelemetryEvent } from '@mandate/plugin-agents-node';
import { identityKeyOf } from '../domain/identity';
import { bucketOf, emptyBuckets } from '../domain/latency';
import { dayOf } from './telemetryRows';

// What a batch of counted events adds to the stored totals, summed in memory first so that
// each total is written once per batch.

/** What a batch adds to one rollup row (identity, tool, day). */
export type RollupDelta = {
  identityKey: string;
  tool: string;
  day: string;
  operation: string;
  calls: number;
  decisions: number;
  denials: number;
  approvalsRequired: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  buckets: number[];
  lastSeenAt: string;
};

export function rollupDeltas(events: TelemetryEvent[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const event of events) {
    const identityKey = identityKeyOf(event)!;
    const tool = event.operation === 'execute_tool' ? event.tool! : '';
    const day = dayOf(event.startedAt);
    const key = `${identityKey}\u0000${tool}\u0000${day}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        identityKey,
        tool,
        day,
        operation: event.operation,
        calls: 0,
        decisions: 0,
        denials: 0,
        approvalsRequired: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        buckets: emptyBuckets(),
        lastSeenAt: event.startedAt,
      };
      deltas.set(key, delta);
    }
    // Model calls bring tokens, cost and errors; calls and latency are tool calls and runs.
    if (event.operation !== 'model_call') {
      delta.calls += 1;
      delta.buckets[bucketOf(event.durationMs)] += 1;
    }
    if (event.decision) delta.decisions += 1;
    if (event.decision === 'deny') delta.denials += 1;
    if (event.decision === 'require-approval') delta.approvalsRequired += 1;
    if (event.errorType) delta.errors += 1;
    delta.inputTokens += event.inputTokens ?? 0;
    delta.outputTokens += event.outputTokens ?? 0;
    delta.costUsd += event.costUsd ?? 0;
    if (event.startedAt > delta.lastSeenAt) delta.lastSeenAt = event.startedAt;
  }
  return [...deltas.values()];
}

export function modelDeltas(events: TelemetryEvent[]) {
  const deltas = new Map<
    string,
    {
      identity_key: string;
      day: string;
      model: string;
      tier: string;
      calls: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number;
    }
  >();
  for (const event of events) {
    // A tool call may carry its caller's model as context; it is not a model call.
    const model =
      event.operation === 'execute_tool'
        ? undefined
        : event.responseModel ?? event.requestModel;
    if (!model) continue;
    const identityKey = identityKeyOf(event)!;
    const tier = event.modelTier ?? '';
    const day = dayOf(event.startedAt);
    const key = [identityKey, day, model, tier].join('\u0000');
    const delta = deltas.get(key) ?? {
      identity_key: identityKey,
      day,
      model,
      tier,
      calls: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    delta.calls += 1;
    delta.input_tokens += event.inputTokens ?? 0;
    delta.output_tokens += event.outputTokens ?? 0;
    delta.cost_usd += event.costUsd ?? 0;
    deltas.set(key, delta);
  }
  return [...deltas.values()];
}

/** The latest call per identity key, for the agents' last-activity column. */
export function lastActivityOf(events: TelemetryEvent[]): Map<string, string> {
  const lastByKey = new Map<string, string>();
  for (const e of events) {
    const key = identityKeyOf(e)!;
    const last = lastByKey.get(key);
    if (!last || e.startedAt > last) lastByKey.set(key, e.startedAt);
  }
  return lastByKey;
}
