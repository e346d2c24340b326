import { AgentGrant } from '@mandate/plugin-agents-node';
import { ToolActivity as ToolActivityView } from '@mandate/plugin-agents-common';
import { LATENCY_BUCKETS } from '../domain/latency';
import { compact } from './json';

// Shapes and helpers shared by the telemetry writer and reader.

/** Where a batch came from: the OTLP receiver or a pull source. */
export interface TelemetryOrigin {
  sourceId: string;
  kind: 'otlp' | 'pull' | 'sample';
}

export interface IngestResult {
  /** Events stored for the first time. */
  accepted: number;
  /** Events already seen (a retried delivery). */
  duplicates: number;
  grants: number;
  /** Identities that sent events or grants in this batch. */
  identityKeys: string[];
}

/** Totals of one tool in a window, before it is held against the approved scope. */
export type ToolActivity = Omit<ToolActivityView, 'inApprovedScope'>;

/** One identity the enforcement layer reported, with its totals in a window. */
export interface SeenIdentity {
  identityKey: string;
  calls: number;
  tools: string[];
  firstDay: string;
  lastSeenAt: string;
}

export const CHUNK = 200;
export const LATENCY_COLUMNS = Array.from(
  { length: LATENCY_BUCKETS },
  (_, i) => `latency_${i}`,
);

/** The UTC day of an ISO timestamp. */
export const dayOf = (iso: string) => iso.slice(0, 10);

/** The first and last UTC day that [from, to) touches. */
export function daysOf(from: Date, to: Date): [string, string] {
  return [
    dayOf(from.toISOString()),
    dayOf(new Date(Math.max(from.getTime(), to.getTime() - 1)).toISOString()),
  ];
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

export function grantFromRow(row: any): AgentGrant {
  return compact({
    id: row.id,
    agentIdentityId: row.identity_key,
    tool: row.tool,
    scope: row.scope ?? undefined,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    onBehalfOf: row.on_behalf_of ?? undefined,
  });
}
