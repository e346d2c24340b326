import { Knex } from 'knex';

/** An agent's catalog-info.yaml as published from the portal. */
export interface PublishedAgent {
  entityRef: string;
  yaml: string;
  publishedBy: string;
  publishedAt: string;
}

/** Manifests published without an SCM (the demo's publish step). */
export class PortalAgentsStore {
  constructor(private readonly knex: Knex) {}

  async get(entityRef: string): Promise<PublishedAgent | undefined> {
    const row = await this.knex('portal_agents')
      .where({ entity_ref: entityRef })
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
          yaml: row.yaml,
          publishedBy: row.published_by,
          publishedAt: row.published_at,
        }
      : undefined;
  }

  /** Stores the manifest, replacing an earlier one of the same agent. */
  async put(agent: PublishedAgent): Promise<void> {
    await this.knex('portal_agents')
      .insert({
        entity_ref: agent.entityRef,
        yaml: agent.yaml,
        published_by: agent.publishedBy,
        published_at: agent.publishedAt,
      })
      .onConflict('entity_ref')
      .merge();
  }
}
