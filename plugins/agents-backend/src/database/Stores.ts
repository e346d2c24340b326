import { Knex } from 'knex';
import { AgentsStore } from './AgentsStore';
import { AuditLog } from './AuditLog';
import { FindingsStore } from './FindingsStore';
import { RequestsStore } from './RequestsStore';
import { ReviewsStore } from './ReviewsStore';

/** Every store, bound to one connection or transaction. */
export interface Stores {
  agents: AgentsStore;
  requests: RequestsStore;
  reviews: ReviewsStore;
  findings: FindingsStore;
  audit: AuditLog;
}

export function storesFor(db: Knex | Knex.Transaction): Stores {
  return {
    agents: new AgentsStore(db),
    requests: new RequestsStore(db),
    reviews: new ReviewsStore(db),
    findings: new FindingsStore(db),
    audit: new AuditLog(db),
  };
}

/** The database, and a way to run a unit of work in one transaction. */
export class GovernanceDatabase {
  readonly stores: Stores;

  constructor(readonly knex: Knex) {
    this.stores = storesFor(knex);
  }

  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return this.knex.transaction(trx => work(storesFor(trx)));
  }
}
