import { AgentsClient } from './AgentsClient';

/** A client whose fetch records each request and answers with `response`. */
function clientAnswering(response: () => Response) {
  const requests: Request[] = [];
  const client = new AgentsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/agents' },
    fetchApi: {
      fetch: async (input, init) => {
        requests.push(new Request(input, init));
        return response();
      },
    },
  });
  return { client, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('AgentsClient', () => {
  it("posts through Backstage's fetch middlewares, which each rebuild the request from what they were given", async () => {
    const sent: Array<{ method: string; body: string; auth: string | null }> =
      [];
    // As the plugin-protocol resolver and the identity injector do: a new Request from
    // (input, init), then `input` passed on.
    const middleware =
      (next: typeof fetch): typeof fetch =>
      async (input, init) => {
        if (new Request(input, init).url.startsWith('plugin://')) {
          throw new Error('not in this test');
        }
        return next(input, init);
      };
    const withToken =
      (next: typeof fetch): typeof fetch =>
      async (input, init) => {
        const request = new Request(input, init);
        request.headers.set('authorization', 'Bearer token');
        return next(request);
      };
    const fetchApi = {
      fetch: middleware(
        withToken(async (input, init) => {
          const request = new Request(input, init);
          sent.push({
            method: request.method,
            body: await request.text(),
            auth: request.headers.get('authorization'),
          });
          return json({ id: 'r1', status: 'completed' });
        }),
      ),
    };
    const client = new AgentsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/agents' },
      fetchApi,
    });

    await client.submitReview('r1', {
      decisions: [{ tool: 'orders.lookup', decision: 'keep' }],
      attestation: 'Checked with the team.',
    });
    expect(sent).toEqual([
      {
        method: 'POST',
        body: JSON.stringify({
          decisions: [{ tool: 'orders.lookup', decision: 'keep' }],
          attestation: 'Checked with the team.',
        }),
        auth: 'Bearer token',
      },
    ]);
  });

  it('encodes query values strictly, so the backend validator accepts them, and leaves empty ones out', async () => {
    const page = { items: [], totalCount: 0, limit: 25, offset: 0 };
    const { client, requests } = clientAnswering(() => json(page));

    await expect(
      client.listAgents({ q: "refund (v2) bot's", owner: '', limit: 25 }),
    ).resolves.toEqual(page);

    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(
      'http://backend/api/agents/v1/agents?q=refund%20%28v2%29%20bot%27s&limit=25',
    );
  });

  it('puts the agent of an entity ref in the path', async () => {
    const { client, requests } = clientAnswering(() => json({ items: [] }));

    await client.listAgentGrants('agent:team a/refund-helper');

    expect(requests[0].url).toBe(
      'http://backend/api/agents/v1/agents/team%20a/refund-helper/grants',
    );
  });

  it('posts JSON bodies', async () => {
    const { client, requests } = clientAnswering(() => json({ id: 'r1' }, 201));

    await client.decideRequest('r/1', { decision: 'approve', reason: 'fits' });

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      'http://backend/api/agents/v1/requests/r%2F1/decision',
    );
    expect(requests[0].headers.get('Content-Type')).toBe('application/json');
    expect(await requests[0].json()).toEqual({
      decision: 'approve',
      reason: 'fits',
    });
  });

  it('lists held calls of one agent and posts a decision on one of them', async () => {
    const { client, requests } = clientAnswering(() =>
      json({ items: [], totalCount: 0 }),
    );

    await client.listCallApprovals({
      status: 'pending',
      agentRef: 'agent:default/refund-assistant',
      limit: 20,
    });
    await client.decideCallApproval('a/1', {
      decision: 'deny',
      reason: 'not this order',
    });

    expect(requests[0].url).toBe(
      'http://backend/api/agents/v1/approvals?status=pending&agentRef=agent%3Adefault%2Frefund-assistant&limit=20',
    );
    expect(requests[1].method).toBe('POST');
    expect(requests[1].url).toBe(
      'http://backend/api/agents/v1/approvals/a%2F1/decision',
    );
    expect(await requests[1].json()).toEqual({
      decision: 'deny',
      reason: 'not this order',
    });
  });

  it('reads the CSV export as text', async () => {
    const { client } = clientAnswering(
      () => new Response('name\r\nrefund-helper\r\n', { status: 200 }),
    );

    await expect(client.exportAgentsCsv({ state: 'active' })).resolves.toBe(
      'name\r\nrefund-helper\r\n',
    );
  });

  it("throws the backend's explanation as the error message", async () => {
    const { client } = clientAnswering(() =>
      json(
        {
          error: {
            name: 'InputError',
            message: 'body.reason: must NOT have fewer than 3 characters',
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );

    await expect(
      client.fileRequest({
        agentRef: 'agent:default/refund-helper',
        type: 'suspend',
        reason: 'no',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      message: 'body.reason: must NOT have fewer than 3 characters',
      statusCode: 400,
    });
  });
});
