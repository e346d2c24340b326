import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { agentEntity } from '../__testUtils__/entities';
import { newAgentRecord } from '../domain/agentRecord';
import { AgentsDatabase } from './AgentsDatabase';
import { AgentListQuery } from './EstateQueries';
import { migrateUp } from './migrate';

const databases = mandateTestDatabases();
const NOW = new Date('2026-03-01T09:00:00Z');
const T0 = '2026-01-01T00:00:00.000Z';

const query = (q: Partial<AgentListQuery> = {}): AgentListQuery => ({
  orderBy: 'name',
  order: 'asc',
  limit: 50,
  offset: 0,
  ...q,
});

describe.each(databases.eachSupportedId())(
  'EstateQueries on %s',
  databaseId => {
    async function estate() {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const db = new AgentsDatabase(knex);
      const agents = [
        {
          name: 'charlie',
          dataClasses: ['customer-pii', 'payment'],
          score: 40,
        },
        { name: 'alpha', dataClasses: ['internal'], score: 90 },
        { name: 'bravo', dataClasses: ['customer-pii'], score: undefined },
        { name: 'delta', dataClasses: ['payment'], score: 70 },
      ];
      for (const a of agents) {
        const record = newAgentRecord(
          agentEntity(a.name, { dataClasses: a.dataClasses }),
          T0,
          true,
        );
        await db.stores.agents.insert({ ...record, state: 'active' });
        if (a.score !== undefined) {
          await db.stores.agents.recordMaturity(record.entityRef, {
            score: a.score,
            controls: [],
            evaluatedAt: T0,
          } as any);
        }
      }
      return db;
    }
    const names = (page: { items: Array<{ name: string }> }) =>
      page.items.map(a => a.name);

    it('sorts by name, and by a nullable column with the agents that have none last', async () => {
      const db = await estate();
      expect(names(await db.estate.list(query(), NOW))).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
      ]);
      expect(
        names(await db.estate.list(query({ order: 'desc' }), NOW)),
      ).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
      expect(
        names(await db.estate.list(query({ orderBy: 'maturityScore' }), NOW)),
      ).toEqual(['charlie', 'delta', 'alpha', 'bravo']);
      expect(
        names(
          await db.estate.list(
            query({ orderBy: 'maturityScore', order: 'desc' }),
            NOW,
          ),
        ),
      ).toEqual(['alpha', 'delta', 'charlie', 'bravo']);
    });

    it('filters and counts by data class as the agents declare them now', async () => {
      const db = await estate();
      const pii = await db.estate.list(
        query({ dataClass: 'customer-pii' }),
        NOW,
      );
      expect({ names: names(pii), total: pii.totalCount }).toEqual({
        names: ['bravo', 'charlie'],
        total: 2,
      });
      expect(
        (await db.estate.summary(undefined, NOW)).agentsByDataClass,
      ).toEqual({ 'customer-pii': 2, payment: 2, internal: 1 });

      // charlie drops payment and moves to another team; delta retires.
      const charlie = (await db.stores.agents.get('agent:default/charlie'))!;
      await db.stores.agents.update({
        ...charlie,
        dataClasses: ['customer-pii'],
        ownerRef: 'group:default/platform',
      });
      const delta = (await db.stores.agents.get('agent:default/delta'))!;
      await db.stores.agents.update({ ...delta, state: 'retired' });

      expect(
        names(await db.estate.list(query({ dataClass: 'payment' }), NOW)),
      ).toEqual(['delta']);
      expect(
        (await db.estate.summary(undefined, NOW)).agentsByDataClass,
      ).toEqual({ 'customer-pii': 2, internal: 1 });
      expect(
        (await db.estate.summary(['group:default/platform'], NOW))
          .agentsByDataClass,
      ).toEqual({ 'customer-pii': 1 });
    });

    it('searches name, title and identity, as they are now, in any case and literally', async () => {
      const db = await estate();
      const search = async (q: string) =>
        names(await db.estate.list(query({ q }), NOW));
      expect(await search('ALPHA')).toEqual(['alpha']);
      expect(await search('agent/del')).toEqual(['delta']);
      expect(await search('a_')).toEqual([]);
      const bravo = (await db.stores.agents.get('agent:default/bravo'))!;
      await db.stores.agents.update({ ...bravo, title: 'Refund Ünterstützer' });
      expect(await search('ünter')).toEqual(['bravo']);
      expect(await search('bravo')).toEqual(['bravo']);
    });
  },
);
