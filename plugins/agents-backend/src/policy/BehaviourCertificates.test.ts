import { ConflictError } from '@backstage/errors';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { Duration, DurationLike } from 'luxon';
import { generateKeyPairSync } from 'node:crypto';
import { activeAgent } from '../__testUtils__/policies';
import { AgentRecord } from '../domain/agentRecord';
import { migrateUp } from '../database/migrate';
import { SigningKeysStore } from '../database/SigningKeysStore';
import {
  BehaviourCertificates,
  CERTIFICATE_TYPE,
} from './BehaviourCertificates';
import { effectivePolicy } from './effectivePolicy';
import {
  ConfiguredSigningKey,
  DatabaseSigningKeys,
  SigningKeys,
} from './SigningKeys';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

const NOW = TEST_NOW.toJSDate();
/** The instant `by` after NOW (before, when negative), as the API writes it. */
const at = (by: DurationLike) => TEST_NOW.plus(by).toISO()!;
const REVIEW_DUE = at({ months: 3 });
const ISSUER = 'https://mandate.example/api/agents';

function ecPem() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function certifier(keys: SigningKeys, overrides: { lifetime?: Duration } = {}) {
  const scores: Record<string, number> = {
    'agent:default/refund-assistant': 83,
  };
  return new BehaviourCertificates({
    keys,
    issuer: ISSUER,
    maturity: { scoreOf: async ref => scores[ref] },
    clock: () => NOW,
    ...overrides,
  });
}

function agentWith(overrides: Partial<AgentRecord> = {}) {
  const { agent, approved } = activeAgent('refund-assistant', {
    nextReviewDueAt: REVIEW_DUE,
    ...overrides,
  });
  return { agent, policy: effectivePolicy(agent, approved) };
}

async function verify(certificates: BehaviourCertificates, token: string) {
  return jwtVerify(token, createLocalJWKSet(await certificates.jwks()), {
    issuer: ISSUER,
    typ: CERTIFICATE_TYPE,
    algorithms: ['ES256'],
    currentDate: NOW,
  });
}

describe('BehaviourCertificates', () => {
  let keys: SigningKeys;
  beforeAll(async () => {
    keys = await ConfiguredSigningKey.fromPem(ecPem());
  });

  it('signs the identity, model, allow-list, policy hash, budgets, review and score', async () => {
    const certificates = certifier(keys);
    const { agent, policy } = agentWith();
    const issued = await certificates.issue(agent, policy);

    const { payload, protectedHeader } = await verify(
      certificates,
      issued.certificate,
    );
    expect(protectedHeader).toMatchObject({
      alg: 'ES256',
      typ: CERTIFICATE_TYPE,
      kid: (await keys.current()).kid,
    });
    expect(payload).toEqual(issued.claims);
    expect(issued.claims).toEqual({
      iss: ISSUER,
      sub: 'spiffe://acme.example/agent/refund-assistant',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 24 * 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      agentRef: 'agent:default/refund-assistant',
      model: {
        provider: 'anthropic',
        name: 'claude-sonnet-4-5',
        tier: 'standard',
      },
      tools: [
        { name: 'orders.lookup', access: 'read', approval: 'none' },
        { name: 'refunds.issue', access: 'write', approval: 'human' },
        { name: 'tickets.delete', access: 'destructive', approval: 'human' },
      ],
      policyHash: policy.hash,
      budgets: { monthlyUsd: 400 },
      review: { dueAt: REVIEW_DUE, overdue: false },
      maturityScore: 83,
    });
    expect(issued.expiresAt).toBe(at({ hours: 24 }));
  });

  it('leaves the score out when the checklist has none', async () => {
    const { agent, approved } = activeAgent('unscored', {
      nextReviewDueAt: REVIEW_DUE,
    });
    const issued = await certifier(keys).issue(
      agent,
      effectivePolicy(agent, approved),
    );
    expect(issued.claims).not.toHaveProperty('maturityScore');
  });

  it('expires after the configured lifetime, and never after the review is due', async () => {
    const { agent, policy } = agentWith();
    const short = await certifier(keys, {
      lifetime: Duration.fromISO('PT1H'),
    }).issue(agent, policy);
    expect(short.expiresAt).toBe(at({ hours: 1 }));

    const dueSoon = agentWith({ nextReviewDueAt: at({ hours: 5.5 }) });
    const capped = await certifier(keys).issue(dueSoon.agent, dueSoon.policy);
    expect(capped.expiresAt).toBe(at({ hours: 5.5 }));
    await expect(
      verify(certifier(keys), capped.certificate),
    ).resolves.toBeDefined();
  });

  it.each([
    ['suspended', 'resume it first'],
    ['proposed', 'approve its commission first'],
    ['decommissioning', 'it is being retired'],
    ['retired', 'it is retired'],
  ] as const)(
    'refuses a %s agent with a 409 saying why',
    async (state, fix) => {
      const { agent, policy } = agentWith({ state });
      const attempt = certifier(keys).issue(agent, policy);
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `agent:default/refund-assistant is ${state}; certificates are issued only for active agents (${fix})`,
      );
    },
  );

  it('refuses an agent whose review is overdue', async () => {
    const { agent, policy } = agentWith({
      nextReviewDueAt: at({ days: -21 }),
    });
    const attempt = certifier(keys).issue(agent, policy);
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      `agent:default/refund-assistant's scope review was due ${at({
        days: -21,
      })} and is overdue`,
    );
  });

  it('refuses an active agent without an approved scope', async () => {
    const { agent } = agentWith();
    await expect(
      certifier(keys).issue(agent, effectivePolicy(agent, undefined)),
    ).rejects.toThrow(/has no enforceable policy/);
  });

  it('is not verifiable with another key', async () => {
    const { agent, policy } = agentWith();
    const issued = await certifier(keys).issue(agent, policy);
    const other = certifier(await ConfiguredSigningKey.fromPem(ecPem()));
    await expect(verify(other, issued.certificate)).rejects.toThrow();
  });
});

describe('ConfiguredSigningKey', () => {
  it('publishes the public half only, with its thumbprint as kid', async () => {
    const keys = await ConfiguredSigningKey.fromPem(ecPem());
    const [jwk] = await keys.publicKeys();
    expect(jwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String),
      y: expect.any(String),
      kid: (await keys.current()).kid,
      alg: 'ES256',
      use: 'sig',
    });
  });

  it('refuses a key that is not EC P-256, naming the setting and the fix', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await expect(ConfiguredSigningKey.fromPem(rsa)).rejects.toThrow(
      /agents\.certificates\.privateKey .*openssl genpkey -algorithm EC/,
    );
    await expect(ConfiguredSigningKey.fromPem('not a key')).rejects.toThrow(
      /agents\.certificates\.privateKey could not be read/,
    );
  });
});

describe.each(databases.eachSupportedId())(
  'DatabaseSigningKeys on %s',
  databaseId => {
    it('generates one key, keeps it across restarts and replicas, and publishes it', async () => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const first = new DatabaseSigningKeys(
        new SigningKeysStore(knex),
        () => NOW,
      );
      const key = await first.current();
      expect(await first.current()).toBe(key);

      // A restart, or another replica on the same database.
      const second = new DatabaseSigningKeys(
        new SigningKeysStore(knex),
        () => NOW,
      );
      expect((await second.current()).kid).toBe(key.kid);
      expect(Number((await knex('signing_keys').count({ n: '*' }))[0].n)).toBe(
        1,
      );

      const { agent, policy } = agentWith();
      const issued = await certifier(first).issue(agent, policy);
      expect(decodeProtectedHeader(issued.certificate).kid).toBe(key.kid);
      await expect(
        verify(certifier(second), issued.certificate),
      ).resolves.toBeDefined();
      const [jwk] = await second.publicKeys();
      expect(jwk).not.toHaveProperty('d');
    });

    it('keeps certificates verifiable when two replicas create a key at once', async () => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const replicas = [
        new DatabaseSigningKeys(new SigningKeysStore(knex), () => NOW),
        new DatabaseSigningKeys(new SigningKeysStore(knex), () => NOW),
      ];
      await Promise.all(replicas.map(r => r.current()));
      const { agent, policy } = agentWith();
      for (const signer of replicas) {
        const issued = await certifier(signer).issue(agent, policy);
        for (const verifier of replicas) {
          await expect(
            verify(certifier(verifier), issued.certificate),
          ).resolves.toBeDefined();
        }
      }
    });
  },
);
