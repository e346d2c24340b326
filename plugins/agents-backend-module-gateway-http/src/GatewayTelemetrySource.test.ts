import { FakeGateway } from './__testUtils__/FakeGateway';
import {
  TEST_DAY,
  at,
  clientFor,
  gatewayConfig,
  grant,
  toolCall,
} from './__testUtils__/gateways';
import { GatewayConfig } from './config';
import { GatewayTelemetrySource } from './GatewayTelemetrySource';

describe('GatewayTelemetrySource', () => {
  let fake: FakeGateway;
  beforeEach(async () => {
    fake = await new FakeGateway().start();
    fake.token = 'secret-token';
  });
  afterEach(() => fake.stop());

  function source(overrides: Partial<GatewayConfig> = {}) {
    return new GatewayTelemetrySource(
      gatewayConfig(fake, overrides),
      clientFor(fake, overrides),
    );
  }

  it('pages through the telemetry with the cursor the gateway returns', async () => {
    fake.events = [0, 1, 2, 3, 4, 5, 6].map(toolCall);
    fake.grants = [grant()];
    const telemetry = source({ frequency: { seconds: 30 } });
    expect(telemetry.id).toBe('gateway-http:main');
    expect(telemetry.frequency).toEqual({ seconds: 30 });

    const first = await telemetry.pull({});
    expect(first.events.map(e => e.id)).toEqual(['evt-0', 'evt-1', 'evt-2']);
    expect(first.grants).toEqual([grant()]);
    expect(first).toMatchObject({ cursor: '3', hasMore: true });

    const second = await telemetry.pull({ cursor: first.cursor });
    expect(second.events.map(e => e.id)).toEqual(['evt-3', 'evt-4', 'evt-5']);
    const third = await telemetry.pull({ cursor: second.cursor });
    expect(third.events.map(e => e.id)).toEqual(['evt-6']);
    expect(third).toMatchObject({ cursor: '7', hasMore: false });

    expect(
      fake.requests.map(r => [r.path, r.query.toString(), r.authorization]),
    ).toEqual([
      ['/mandate/v1/telemetry', 'limit=3', 'Bearer secret-token'],
      ['/mandate/v1/telemetry', 'cursor=3&limit=3', 'Bearer secret-token'],
      ['/mandate/v1/telemetry', 'cursor=6&limit=3', 'Bearer secret-token'],
    ]);
  });

  it('returns events as the contract defines them, without extra fields, timestamps in UTC', async () => {
    fake.overrides.set('/mandate/v1/telemetry', {
      body: JSON.stringify({
        events: [
          {
            ...toolCall(0),
            startedAt: `${TEST_DAY.toISODate()}T10:00:00+01:00`,
            internalRoute: 'r-17',
            errorType: null,
          },
        ],
        grants: [],
        hasMore: false,
      }),
    });
    const page = await source().pull({ cursor: 'abc' });
    expect(page.events).toEqual([{ ...toolCall(0), startedAt: at('09:00') }]);
    // No nextCursor: the next pull starts where this one did.
    expect(page.cursor).toBe('abc');
  });

  it('fails with the status and the body when the token is refused', async () => {
    await expect(source({ token: 'wrong' }).pull({})).rejects.toThrow(
      /^gateway main: GET http:\/\/127\.0\.0\.1:\d+\/mandate\/v1\/telemetry\?limit=3 answered HTTP 401 \(check agents\.gateways\.http\[\]\.token\): {"error":"missing or wrong bearer token"}$/,
    );
  });

  it('fails with a short excerpt of the body on a server error', async () => {
    fake.overrides.set('/mandate/v1/telemetry', {
      status: 503,
      body: `upstream unavailable ${'x'.repeat(500)}`,
    });
    const error = await source()
      .pull({})
      .catch(e => e);
    expect(error.message).toContain(
      'answered HTTP 503: upstream unavailable xxx',
    );
    expect(error.message.length).toBeLessThan(350);
  });

  it('times out a gateway that does not answer', async () => {
    fake.overrides.set('/mandate/v1/telemetry', {
      delayMs: 1000,
      body: '{}',
    });
    await expect(source({ timeoutMs: 100 }).pull({})).rejects.toThrow(
      'timed out after 0.1s; check that the gateway is up, or raise agents.gateways.http[].timeout',
    );
  });

  it('stops when the backend cancels the pull', async () => {
    fake.overrides.set('/mandate/v1/telemetry', { delayMs: 1000, body: '{}' });
    const controller = new AbortController();
    const pull = source().pull({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pull).rejects.toThrow(/telemetry\?limit=3 was cancelled$/);
  });

  it('names the gateway address when it cannot be reached', async () => {
    const telemetry = source();
    await fake.stop();
    await expect(telemetry.pull({})).rejects.toThrow(
      /failed: ECONNREFUSED.*; check agents\.gateways\.http\[\]\.baseUrl/,
    );
  });

  it.each([
    [
      'a timestamp that is not ISO',
      {
        events: [
          toolCall(0),
          toolCall(1),
          { ...toolCall(2), startedAt: 'yesterday' },
        ],
        grants: [],
        hasMore: false,
      },
      'gateway main: events[2].startedAt must be an ISO timestamp, such as 2025-01-31T09:30:00Z (GET /mandate/v1/telemetry); the gateway must follow docs/gateway-http-contract.md',
    ],
    [
      'a tool call without its tool',
      {
        events: [{ ...toolCall(0), tool: undefined }],
        grants: [],
        hasMore: false,
      },
      'gateway main: events[0].tool is missing',
    ],
    [
      'an unknown decision',
      {
        events: [{ ...toolCall(0), decision: 'maybe' }],
        grants: [],
        hasMore: false,
      },
      'events[0].decision must be one of allow, deny, require-approval, not "maybe"',
    ],
    [
      'negative tokens',
      {
        events: [{ ...toolCall(0), inputTokens: -4 }],
        grants: [],
        hasMore: false,
      },
      'events[0].inputTokens must be a number of zero or more',
    ],
    [
      'a grant without an agent',
      {
        events: [],
        grants: [{ ...grant(), agentIdentityId: '' }],
        hasMore: false,
      },
      'grants[0].agentIdentityId must be a non-empty string',
    ],
    [
      'a missing grants list',
      { events: [], hasMore: false },
      'gateway main: grants must be an array',
    ],
    [
      'more to come without a cursor',
      { events: [], grants: [], hasMore: true },
      'hasMore is true but nextCursor is missing',
    ],
    [
      'a body that is not an object',
      [],
      'the response body must be a JSON object',
    ],
  ])('rejects a page with %s, naming the field', async (_, body, message) => {
    fake.overrides.set('/mandate/v1/telemetry', {
      body: JSON.stringify(body),
    });
    await expect(source().pull({})).rejects.toThrow(message);
  });

  it('rejects a body that is not JSON, quoting it', async () => {
    fake.overrides.set('/mandate/v1/telemetry', {
      body: '<html>Sign in</html>',
    });
    await expect(source().pull({})).rejects.toThrow(
      'answered HTTP 200 with a body that is not JSON: <html>Sign in</html>',
    );
  });
});
