import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import {
  REFUNDS,
  jsonSpan,
  postJson,
  request,
  startReceiver,
} from '../../__testUtils__/otlpReceiver';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'OTLP spans with NUL characters, on %p',
  dbId => {
    it('refuses the span with a partial success naming the attribute, and keeps the others', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const res = await postJson(
        base,
        request([
          jsonSpan({
            spanId: '1111111111111111',
            attributes: {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.agent.id': REFUNDS,
              'gen_ai.tool.name': 'orders.lookup\u0000; drop table agents',
            },
          }),
          jsonSpan({
            spanId: '2222222222222222',
            attributes: {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.agent.id': REFUNDS,
              'gen_ai.tool.name': 'orders.lookup',
            },
          }),
        ]),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        partialSuccess: {
          rejectedSpans: 1,
          errorMessage: expect.stringContaining(
            'resourceSpans[0].scopeSpans[0].spans[0]: attribute "gen_ai.tool.name" must not contain NUL',
          ),
        },
      });
      expect(await knex('telemetry_rollups').pluck('tool')).toEqual([
        'orders.lookup',
      ]);
    });
  },
);
