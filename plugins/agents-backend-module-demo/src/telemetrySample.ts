import {
  AgentGrant,
  TelemetryBatch,
  TelemetryEvent,
} from '@mandate/plugin-agents-node';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gunzip = promisify(zlib.gunzip);

/** The first line of a sample names its format (examples/telemetry/README.md). */
export const TELEMETRY_SAMPLE_FORMAT = 'mandate.telemetry-sample/v1';

const DAY_MS = 86_400_000;
const REGENERATE = 'regenerate it with yarn telemetry:sample';

/**
 * Reads a recorded telemetry sample (gzipped JSON lines) and moves it in time so that its
 * last day is the UTC day of `now`: every timestamp is shifted by (start of today − anchor).
 * What would then lie after `now` (the rest of today) is left out, and a revocation after
 * `now` has not happened yet. A line that breaks the format throws naming the line and field.
 */
export async function readTelemetrySample(
  path: string,
  now: Date,
): Promise<TelemetryBatch> {
  const lines = (await readGzippedText(path)).split('\n');
  const batch: TelemetryBatch = { events: [], grants: [] };
  const nowMs = now.getTime();
  let shiftMs: number | undefined;

  for (const [index, text] of lines.entries()) {
    if (!text.trim()) continue;
    const at = `${path} line ${index + 1}`;
    const record = parseLine(text, at);
    if (shiftMs === undefined) {
      const anchor = readHeader(record, at);
      shiftMs = nowMs - (nowMs % DAY_MS) - anchor;
      continue;
    }
    if ('event' in record && !('grant' in record)) {
      const event = readEvent(record.event, `${at}: event`, shiftMs);
      if (Date.parse(event.startedAt) <= nowMs) batch.events.push(event);
    } else if ('grant' in record && !('event' in record)) {
      const grant = readGrant(record.grant, `${at}: grant`, shiftMs);
      if (Date.parse(grant.issuedAt) > nowMs) continue;
      if (grant.revokedAt && Date.parse(grant.revokedAt) > nowMs) {
        delete grant.revokedAt;
      }
      batch.grants.push(grant);
    } else {
      throw new Error(
        `${at}: a line holds either {"event": ...} or {"grant": ...}; ${REGENERATE}`,
      );
    }
  }
  if (shiftMs === undefined) {
    throw new Error(`${path} is empty; ${REGENERATE}`);
  }
  return batch;
}

async function readGzippedText(path: string): Promise<string> {
  let gzipped: Buffer;
  try {
    gzipped = await fs.readFile(path);
  } catch (error) {
    throw new Error(
      `Cannot read the telemetry sample at ${path} (${
        (error as NodeJS.ErrnoException).code ?? error
      }); ${REGENERATE}`,
    );
  }
  try {
    return (await gunzip(gzipped)).toString('utf8');
  } catch (error) {
    throw new Error(
      `${path} is not gzipped (${(error as Error).message}); ${REGENERATE}`,
    );
  }
}

function parseLine(text: string, at: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${at}: not JSON (${(error as Error).message}); ${REGENERATE}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${at}: must be a JSON object; ${REGENERATE}`);
  }
  return value as Record<string, unknown>;
}

/** Checks the header and returns the anchor in milliseconds. */
function readHeader(header: Record<string, unknown>, at: string): number {
  if (header.format !== TELEMETRY_SAMPLE_FORMAT) {
    throw new Error(
      `${at}: the header's format must be "${TELEMETRY_SAMPLE_FORMAT}", not ${JSON.stringify(
        header.format,
      )}; ${REGENERATE}`,
    );
  }
  const anchor = timestamp(header, 'anchor', `${at}: header`);
  if (anchor === undefined || anchor % DAY_MS !== 0) {
    throw new Error(
      `${at}: header.anchor must be the start of a UTC day, such as 2026-11-21T00:00:00.000Z; ${REGENERATE}`,
    );
  }
  return anchor;
}

const OPERATIONS = ['execute_tool', 'invoke_agent'];
const TIERS = ['frontier', 'standard', 'small'];
const DECISIONS = ['allow', 'deny', 'require-approval'];

function readEvent(
  value: unknown,
  at: string,
  shiftMs: number,
): TelemetryEvent {
  const f = fields(value, at);
  const operation = f.oneOf('operation', OPERATIONS, true);
  const event = {
    id: f.text('id', true),
    operation,
    agentIdentityId: f.text('agentIdentityId'),
    agentName: f.text('agentName'),
    tool: f.text('tool', operation === 'execute_tool'),
    mcpMethod: f.text('mcpMethod'),
    requestModel: f.text('requestModel'),
    responseModel: f.text('responseModel'),
    modelTier: f.oneOf('modelTier', TIERS),
    inputTokens: f.number('inputTokens', false, true),
    outputTokens: f.number('outputTokens', false, true),
    costUsd: f.number('costUsd'),
    startedAt: f.time('startedAt', shiftMs, true),
    durationMs: f.number('durationMs', true),
    errorType: f.text('errorType'),
    decision: f.oneOf('decision', DECISIONS),
    ruleId: f.text('ruleId'),
    grantId: f.text('grantId'),
    onBehalfOf: f.text('onBehalfOf'),
  } as TelemetryEvent;
  if (!event.agentIdentityId && !event.agentName) {
    throw new Error(
      `${at}.agentIdentityId is missing (and so is agentName); ${REGENERATE}`,
    );
  }
  return withoutUndefined(event);
}

function readGrant(value: unknown, at: string, shiftMs: number): AgentGrant {
  const f = fields(value, at);
  return withoutUndefined({
    id: f.text('id', true)!,
    agentIdentityId: f.text('agentIdentityId', true)!,
    tool: f.text('tool', true)!,
    scope: f.text('scope'),
    issuedAt: f.time('issuedAt', shiftMs, true)!,
    expiresAt: f.time('expiresAt', shiftMs),
    revokedAt: f.time('revokedAt', shiftMs),
    onBehalfOf: f.text('onBehalfOf'),
  });
}

/** Field readers for one object; each throws naming `at.field`. */
function fields(value: unknown, at: string) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${at} must be a JSON object; ${REGENERATE}`);
  }
  const record = value as Record<string, unknown>;
  const fail = (field: string, problem: string): never => {
    throw new Error(`${at}.${field} ${problem}; ${REGENERATE}`);
  };
  const present = (field: string, required: boolean) => {
    const v = record[field];
    if (v === undefined || v === null) {
      if (required) fail(field, 'is missing');
      return false;
    }
    return true;
  };
  return {
    text(field: string, required = false): string | undefined {
      if (!present(field, required)) return undefined;
      const v = record[field];
      if (typeof v !== 'string' || !v)
        fail(field, 'must be a non-empty string');
      return v as string;
    },
    number(field: string, required = false, whole = false): number | undefined {
      if (!present(field, required)) return undefined;
      const v = record[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        fail(field, 'must be a number of zero or more');
      }
      if (whole && !Number.isInteger(v)) fail(field, 'must be a whole number');
      return v as number;
    },
    oneOf(field: string, allowed: string[], required = false): any {
      if (!present(field, required)) return undefined;
      const v = record[field];
      if (!allowed.includes(v as string)) {
        fail(field, `must be one of ${allowed.join(', ')}`);
      }
      return v;
    },
    time(field: string, shiftMs: number, required = false): string | undefined {
      const ms = timestamp(record, field, at, required);
      return ms === undefined
        ? undefined
        : new Date(ms + shiftMs).toISOString();
    },
  };
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function timestamp(
  record: Record<string, unknown>,
  field: string,
  at: string,
  required = true,
): number | undefined {
  const v = record[field];
  if ((v === undefined || v === null) && !required) return undefined;
  if (
    typeof v !== 'string' ||
    !ISO_UTC.test(v) ||
    Number.isNaN(Date.parse(v))
  ) {
    throw new Error(
      `${at}.${field} must be an ISO timestamp in UTC, such as 2026-11-21T09:30:00.000Z; ${REGENERATE}`,
    );
  }
  return Date.parse(v);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
