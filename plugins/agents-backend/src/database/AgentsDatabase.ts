import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AgentsStore } from './AgentsStore';
import { AuditCheckpointsStore } from './AuditCheckpointsStore';
import { AuditLog } from './AuditLog';
import { CallApprovalsStore } from './CallApprovalsStore';
import { EstateQueries } from './EstateQueries';
import { FindingsStore } from './FindingsStore';
import { migrateUp } from './migrate';
import { PortalAgentsStore } from './PortalAgentsStore';
import { RequestsStore } from './RequestsStore';
import { ReviewsStore } from './ReviewsStore';
import { SigningKeysStore } from './SigningKeysStore';
import { TelemetryReader } from './TelemetryReader';
import { TelemetrySourcesStore } from './TelemetrySourcesStore';
import { TelemetryWriter } from './TelemetryWriter';
import { TraceBufferStore } from './TraceBufferStore';

/**
 * SQLite files (the laptop default) keep a write-ahead log, synced at checkpoints rather
 * than at every commit (telemetry commits many times a second): readers do not wait for
 * the writer, and a crash loses at most the last commits, never consistency. PostgreSQL
 * (production) and in-memory databases are left as they are.
 */
async function useWriteAheadLog(knex: Knex) {
  if (knex.client.config.client !== 'better-sqlite3') return;
  const filename = knex.client.config.connection?.filename;
  if (!filename || filename === ':memory:') return;
  await knex.raw('PRAGMA journal_mode = WAL');
  await knex.raw('PRAGMA synchronous = NORMAL');
}

/** The governance stores, bound to one connection or transaction. */
export interface Stores {
  agents: AgentsStore;
  requests: RequestsStore;
  reviews: ReviewsStore;
  findings: FindingsStore;
  approvals: CallApprovalsStore;
  audit: AuditLog;
}

export function storesFor(db: Knex | Knex.Transaction): Stores {
  return {
    agents: new AgentsStore(db),
    requests: new RequestsStore(db),
    reviews: new ReviewsStore(db),
    findings: new FindingsStore(db),
    approvals: new CallApprovalsStore(db),
    audit: new AuditLog(db),
  };
}

/**
 * Mandate's data layer: the only place that speaks SQL. Each table has one writer here;
 * the rest of the plugin reads and writes through these stores.
 */
export class AgentsDatabase {
  readonly stores: Stores;
  /** The estate list and its counts. */
  readonly estate: EstateQueries;
  readonly telemetry: {
    writer: TelemetryWriter;
    reader: TelemetryReader;
    sources: TelemetrySourcesStore;
    /** Spans being attributed, and calls that named no agent. */
    traces: TraceBufferStore;
  };
  readonly signingKeys: SigningKeysStore;
  /** Signed checkpoints of the audit chain head. */
  readonly auditCheckpoints: AuditCheckpointsStore;
  readonly portalAgents: PortalAgentsStore;

  /** The plugin's database, migrated to the latest schema unless migrations are skipped. */
  static async create(database: DatabaseService): Promise<AgentsDatabase> {
    const knex = await database.getClient();
    await useWriteAheadLog(knex);
    if (!database.migrations?.skip) {
      await migrateUp(knex);
    }
    return new AgentsDatabase(knex);
  }

  constructor(private readonly knex: Knex) {
    this.stores = storesFor(knex);
    this.estate = new EstateQueries(knex);
    this.telemetry = {
      writer: new TelemetryWriter(knex),
      reader: new TelemetryReader(knex),
      sources: new TelemetrySourcesStore(knex),
      traces: new TraceBufferStore(knex),
    };
    this.signingKeys = new SigningKeysStore(knex);
    this.auditCheckpoints = new AuditCheckpointsStore(knex);
    this.portalAgents = new PortalAgentsStore(knex);
  }

  /** Runs a unit of work in one transaction. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return this.knex.transaction(trx => work(storesFor(trx)));
  }
}
