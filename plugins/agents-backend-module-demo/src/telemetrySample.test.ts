import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';
import { readTelemetrySample } from './telemetrySample';

const REPO = path.resolve(__dirname, '../../..');
const SHIPPED = path.join(REPO, 'examples/telemetry/demo-estate.jsonl.gz');
const REFUND = 'spiffe://acme.example/agent/refund-assistant';
/** The UTC day `offset` days after the test sample's anchor day. */
const day = (offset: number) =>
  TEST_NOW.startOf('day').plus({ days: offset }).toISODate()!;
const HEADER = {
  format: 'mandate.telemetry-sample/v1',
  anchor: `${day(0)}T00:00:00.000Z`,
  days: 2,
};

describe('readTelemetrySample', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-sample-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(lines: unknown[], name = 'sample.jsonl.gz') {
    const file = path.join(dir, name);
    const text = lines
      .map(l => (typeof l === 'string' ? l : JSON.stringify(l)))
      .join('\n');
    fs.writeFileSync(file, zlib.gzipSync(`${text}\n`));
    return file;
  }

  const call = {
    id: 't1.1',
    operation: 'execute_tool',
    agentIdentityId: REFUND,
    tool: 'orders.lookup',
    startedAt: `${day(-1)}T09:00:00.000Z`,
    durationMs: 120,
    decision: 'allow',
    grantId: 'g1',
  };
  const grant = {
    id: 'g1',
    agentIdentityId: REFUND,
    tool: 'orders.lookup',
    issuedAt: `${day(-1)}T08:59:59.000Z`,
    expiresAt: `${day(-1)}T09:59:59.000Z`,
  };

  it('shifts the sample so that its anchor day is today, leaving out what lies after now', async () => {
    const file = write([
      HEADER,
      { grant },
      { event: call },
      { event: { ...call, id: 't2.1', startedAt: `${day(0)}T08:00:00.000Z` } },
      { event: { ...call, id: 't3.1', startedAt: `${day(0)}T15:00:00.000Z` } },
      {
        grant: {
          ...grant,
          id: 'g2',
          issuedAt: `${day(0)}T07:59:00.000Z`,
          expiresAt: `${day(0)}T08:59:00.000Z`,
          revokedAt: `${day(0)}T14:00:00.000Z`,
        },
      },
      { grant: { ...grant, id: 'g3', issuedAt: `${day(0)}T14:59:00.000Z` } },
    ]);

    // Ten days after the anchor, at noon: the sample ends that day.
    const batch = await readTelemetrySample(
      file,
      new Date(`${day(10)}T12:00:00.000Z`),
    );

    expect(batch.events).toEqual([
      { ...call, startedAt: `${day(9)}T09:00:00.000Z` },
      { ...call, id: 't2.1', startedAt: `${day(10)}T08:00:00.000Z` },
    ]);
    expect(batch.grants).toEqual([
      {
        ...grant,
        issuedAt: `${day(9)}T08:59:59.000Z`,
        expiresAt: `${day(9)}T09:59:59.000Z`,
      },
      // Revoked at 14:00, which has not come yet at noon.
      {
        ...grant,
        id: 'g2',
        issuedAt: `${day(10)}T07:59:00.000Z`,
        expiresAt: `${day(10)}T08:59:00.000Z`,
      },
    ]);
  });

  it.each([
    [
      'a bad timestamp',
      { event: { ...call, startedAt: 'last tuesday' } },
      'line 2: event.startedAt must be an ISO timestamp in UTC',
    ],
    [
      'a tool call without its tool',
      { event: { ...call, tool: undefined } },
      'line 2: event.tool is missing',
    ],
    [
      'an unknown decision',
      { event: { ...call, decision: 'perhaps' } },
      'line 2: event.decision must be one of allow, deny, require-approval',
    ],
    [
      'an event without an agent',
      { event: { ...call, agentIdentityId: undefined } },
      'line 2: event.agentIdentityId is missing (and so is agentName)',
    ],
    [
      'a grant without an agent',
      { grant: { ...grant, agentIdentityId: '' } },
      'line 2: grant.agentIdentityId must be a non-empty string',
    ],
    [
      'an event and a grant on one line',
      { event: call, grant },
      'line 2: a line holds either {"event": ...} or {"grant": ...}',
    ],
    ['a line that is not JSON', '{"event": ', 'line 2: not JSON'],
  ])(
    'rejects %s, naming the line number and the field',
    async (_, line, message) => {
      const file = write([HEADER, line], 'bad.jsonl.gz');
      await expect(
        readTelemetrySample(file, TEST_NOW.toJSDate()),
      ).rejects.toThrow(`${file} ${message}`);
    },
  );

  it('rejects a file without the header, and one that is not gzipped', async () => {
    const headless = write([{ event: call }], 'headless.jsonl.gz');
    await expect(
      readTelemetrySample(headless, TEST_NOW.toJSDate()),
    ).rejects.toThrow(
      `${headless} line 1: the header's format must be "mandate.telemetry-sample/v1", not undefined; regenerate it with yarn telemetry:sample`,
    );
    const plain = path.join(dir, 'plain.jsonl');
    fs.writeFileSync(plain, JSON.stringify(HEADER));
    await expect(
      readTelemetrySample(plain, TEST_NOW.toJSDate()),
    ).rejects.toThrow(`${plain} is not gzipped`);
    await expect(
      readTelemetrySample(path.join(dir, 'missing.gz'), TEST_NOW.toJSDate()),
    ).rejects.toThrow('(ENOENT); regenerate it with yarn telemetry:sample');
  });

  describe('the shipped sample', () => {
    const exampleAgents = fs
      .readdirSync(path.join(REPO, 'examples/agents'))
      .flatMap(file =>
        parseAllDocuments(
          fs.readFileSync(path.join(REPO, 'examples/agents', file), 'utf8'),
        ).map(doc => doc.toJS()),
      );
    const identityOf = (name: string) =>
      exampleAgents.find(a => a.metadata.name === name).spec.identity.id;

    it('covers 35 days of 15 or more example agents, ending on the anchor day', async () => {
      const { events, grants } = await readTelemetrySample(
        SHIPPED,
        new Date(`${day(0)}T23:59:59.999Z`),
      );
      const identities = new Set(exampleAgents.map(a => a.spec.identity.id));
      const seen = new Set(events.map(e => e.agentIdentityId));
      expect(
        [...seen].filter(id => identities.has(id!)).length,
      ).toBeGreaterThanOrEqual(15);
      const days = new Set(events.map(e => e.startedAt.slice(0, 10)));
      expect(days.size).toBe(35);
      expect([...days].sort()[0]).toBe(day(-34));
      expect([...days].sort()[34]).toBe(day(0));
      expect(grants.length).toBeGreaterThan(1000);
      // Every call that used a grant names one that the sample holds.
      const grantIds = new Set(grants.map(g => g.id));
      expect(events.filter(e => e.grantId && !grantIds.has(e.grantId))).toEqual(
        [],
      );
    });

    it('keeps the demo story: no tickets.assign, a silent suspended agent, a shadow agent', async () => {
      const { events } = await readTelemetrySample(
        SHIPPED,
        new Date(`${day(0)}T23:59:59.999Z`),
      );
      const of = (name: string) =>
        events.filter(e => e.agentIdentityId === identityOf(name));
      // The end-to-end test revokes tickets.assign from ticket-triage as unused.
      expect(of('ticket-triage').some(e => e.tool === 'tickets.assign')).toBe(
        false,
      );
      expect(of('ticket-triage').some(e => e.tool === 'tickets.label')).toBe(
        true,
      );
      // churn-outreach is suspended five days before the anchor at 10:00.
      const lastChurn = of('churn-outreach')
        .map(e => e.startedAt)
        .sort()
        .pop();
      expect(lastChurn! < `${day(-5)}T10:00:00.000Z`).toBe(true);
      expect(
        events.some(
          e =>
            e.agentIdentityId === 'spiffe://acme.example/agent/pricing-scraper',
        ),
      ).toBe(true);
    });

    it('ends today when read today, with nothing in the future', async () => {
      const now = TEST_NOW.toJSDate();
      const { events } = await readTelemetrySample(SHIPPED, now);
      const startOfToday = new Date(now).setUTCHours(0, 0, 0, 0);
      const times = events.map(e => Date.parse(e.startedAt));
      expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
      expect(Math.min(...times)).toBeGreaterThanOrEqual(
        startOfToday - 34 * 86_400_000,
      );
    });
  });
});
