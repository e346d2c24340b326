import { Knex } from 'knex';
import { compact } from './json';
import { TelemetryOrigin } from './telemetryRows';

/** A telemetry source as stored: last data, the pull cursor and its failures. */
export interface TelemetrySourceRecord {
  id: string;
  kind: string;
  lastDataAt?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  nextAttemptAt?: string;
  cursor?: string;
}

/** What a pull of a source changed in its record. */
export type PullRecord = Partial<
  Pick<
    TelemetrySourceRecord,
    | 'cursor'
    | 'lastAttemptAt'
    | 'lastSuccessAt'
    | 'lastError'
    | 'consecutiveFailures'
    | 'nextAttemptAt'
  >
>;

const COLUMNS: Record<keyof PullRecord, string> = {
  cursor: 'cursor',
  lastAttemptAt: 'last_attempt_at',
  lastSuccessAt: 'last_success_at',
  lastError: 'last_error',
  consecutiveFailures: 'consecutive_failures',
  nextAttemptAt: 'next_attempt_at',
};

function sourceFromRow(row: any): TelemetrySourceRecord {
  return compact({
    id: row.id,
    kind: row.kind,
    lastDataAt: row.last_data_at ?? undefined,
    lastSuccessAt: row.last_success_at ?? undefined,
    lastAttemptAt: row.last_attempt_at ?? undefined,
    lastError: row.last_error ?? undefined,
    consecutiveFailures: Number(row.consecutive_failures ?? 0),
    nextAttemptAt: row.next_attempt_at ?? undefined,
    cursor: row.cursor ?? undefined,
  });
}

/** The sources telemetry came from (OTLP, pull sources, samples) and their health. */
export class TelemetrySourcesStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async get(id: string): Promise<TelemetrySourceRecord | undefined> {
    const row = await this.db('telemetry_sources').where({ id }).first();
    return row ? sourceFromRow(row) : undefined;
  }

  async all(): Promise<TelemetrySourceRecord[]> {
    const rows = await this.db('telemetry_sources').orderBy('id');
    return rows.map(sourceFromRow);
  }

  /** When any source last delivered data. */
  async lastDataAt(): Promise<string | undefined> {
    const [row] = await this.db('telemetry_sources').max({
      last: 'last_data_at',
    });
    return row?.last ?? undefined;
  }

  /** Records that data arrived from a source now. */
  async touch(origin: TelemetryOrigin, now: Date): Promise<void> {
    await this.db('telemetry_sources')
      .insert({
        id: origin.sourceId,
        kind: origin.kind,
        last_data_at: now.toISOString(),
      })
      .onConflict('id')
      .merge(['kind', 'last_data_at']);
  }

  /** Records the outcome of a pull; only the fields given change. */
  async recordPull(id: string, pull: PullRecord): Promise<void> {
    const fields = Object.fromEntries(
      Object.entries(pull).map(([key, value]) => [
        COLUMNS[key as keyof PullRecord],
        value ?? null,
      ]),
    );
    await this.db('telemetry_sources')
      .insert({ id, kind: 'pull', ...fields })
      .onConflict('id')
      .merge(Object.keys(fields));
  }
}
