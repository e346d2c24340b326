import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { startActionsBackend } from '../__testUtils__/actions';
import { agentEntity } from '../__testUtils__/entities';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();

const AGENT_REF =
  "(the agent's entity ref, kind:namespace/name, such as agent:default/refund-assistant)";

describe.each(databases.eachSupportedId())(
  'Mandate actions refuse bad input naming the field and the fix, on %s',
  databaseId => {
    let api: Awaited<ReturnType<typeof startActionsBackend>>;
    let ref: string;

    beforeAll(async () => {
      api = await startActionsBackend(databaseId, databases);
      ref = await api.commissionedAgent('input-bot');
    });

    /** The same refusal through the actions registry and through MCP. */
    async function refusal(action: string, input: unknown) {
      const viaRegistry = await api.invoke('owner', action, input);
      const client = await api.mcp('owner');
      const viaMcp = await client.call(action, input);
      await client.close();
      expect(viaMcp).toEqual(viaRegistry);
      return viaRegistry;
    }

    it.each([
      [
        'a missing field',
        'get-agent-mandate',
        {},
        `agentRef: is required ${AGENT_REF}`,
      ],
      [
        'a field of the wrong type',
        'get-agent-mandate',
        { agentRef: 42 },
        `agentRef: must be a string, not number ${AGENT_REF}`,
      ],
      [
        'an unknown field',
        'check-agent-tool-call',
        { agentRef: 'input-bot', tool: 'orders.lookup', toolName: 'x' },
        'toolName: is not a known field; remove it',
      ],
      [
        'an empty tool name',
        'check-agent-tool-call',
        { agentRef: 'input-bot', tool: '' },
        'tool: must not be empty (the tool name the gateway reports, such as orders.lookup)',
      ],
      [
        'a ref to another kind',
        'get-agent-mandate',
        { agentRef: 'component:default/input-bot' },
        'agentRef: "component:default/input-bot" is a component, not an agent; write it as agent:<namespace>/<name>',
      ],
      [
        'a page too large',
        'list-agent-findings',
        { limit: 1000, severity: 'urgent' },
        'severity: must be one of low, medium, high, critical, not "urgent" (only findings of this severity); limit: must be at most 500 (how many findings to return, 1 to 500 (50))',
      ],
      [
        'input to an action that takes none',
        'list-agents-needing-attention',
        { agentRef: 'input-bot' },
        'agentRef: is not a known field; remove it',
      ],
      [
        'every mistake in a scope at once',
        'request-agent-scope-change',
        {
          agentRef: 'input-bot',
          reason: 'no',
          scope: {
            dataClasses: ['payment'],
            tools: [{ name: 'orders.lookup', access: 'admin', scope: 'x' }],
          },
        },
        [
          'reason: must be at least 3 characters long (why, for the audit trail and the people who decide (3 to 2000 characters))',
          'scope.tools[0].access: must be one of read, write, destructive, not "admin" (what the tool may do: read, write or destructive)',
          'scope.tools[0].scope: is not a known field; remove it',
        ].join('; '),
      ],
      [
        'a scope the Agent kind refuses',
        'request-agent-scope-change',
        {
          agentRef: 'input-bot',
          reason: 'Narrow it',
          scope: {
            dataClasses: [],
            tools: [
              {
                name: 'orders.lookup',
                access: 'read',
                dataClasses: ['customer-pii'],
              },
            ],
          },
        },
        'scope.tools[0].dataClasses: "customer-pii" is not declared in scope.dataClasses; add it there or remove it from the tool',
      ],
      [
        'a scope that changes nothing',
        'request-agent-scope-change',
        {
          agentRef: 'input-bot',
          reason: 'Nothing really',
          // the scope its commission approved: the entity's own
          scope: {
            dataClasses: agentEntity('input-bot').spec.dataClasses,
            tools: agentEntity('input-bot').spec.tools,
          },
        },
        'scope: is the same as the approved scope; nothing to change',
      ],
    ])('%s', async (_what, action, input, message) => {
      expect(await refusal(action, input)).toEqual({
        ok: false,
        name: 'InputError',
        message,
      });
    });

    it('leaves the agent as it was', async () => {
      const detail = await api
        .rest('owner')
        .get('/v1/agents/default/input-bot');
      expect(detail.body).toMatchObject({
        entityRef: ref,
        approvedVersions: 1,
        openRequests: 0,
      });
    });
  },
);
