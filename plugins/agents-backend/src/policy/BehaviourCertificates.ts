import { ConflictError } from '@backstage/errors';
import { AgentBudgets, AgentState } from '@mandate/plugin-agents-common';
import { JSONWebKeySet, SignJWT } from 'jose';
import { Duration } from 'luxon';
import { randomUUID } from 'node:crypto';
import { reviewStatusOf } from '../domain/reviewStatus';
import { AgentRecord } from '../domain/agentRecord';
import { EffectivePolicy, PolicyTool } from './effectivePolicy';
import { CERTIFICATE_ALG, SigningKeys } from './SigningKeys';

/** The JOSE `typ` header of a behaviour certificate. */
export const CERTIFICATE_TYPE = 'mandate-behaviour-certificate+jwt';

/** Certificates live this long unless configured otherwise (and never past the review). */
export const DEFAULT_CERTIFICATE_LIFETIME = Duration.fromObject({ hours: 24 });

/** The maturity checklist's score of an agent, when it has one. */
export interface MaturityScores {
  scoreOf(agentRef: string): Promise<number | undefined>;
}

/** What a behaviour certificate asserts about an agent. */
export type CertificateClaims = {
  iss: string;
  /** The agent's identity id (for example its SPIFFE id). */
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  agentRef: string;
  model: EffectivePolicy['model'];
  tools: Pick<PolicyTool, 'name' | 'access' | 'approval'>[];
  policyHash: string;
  budgets: AgentBudgets;
  review: { dueAt?: string; overdue: false };
  /** 0–100 from the maturity checklist; absent when no score is known. */
  maturityScore?: number;
};

export type IssuedCertificate = {
  certificate: string;
  expiresAt: string;
  claims: CertificateClaims;
};

export interface BehaviourCertificatesOptions {
  keys: SigningKeys;
  issuer: string;
  lifetime?: Duration;
  maturity: MaturityScores;
  clock: () => Date;
}

const NOT_ACTIVE_FIX: Record<Exclude<AgentState, 'active'>, string> = {
  proposed: 'approve its commission first',
  suspended: 'resume it first',
  decommissioning: 'it is being retired',
  retired: 'it is retired',
};

/**
 * Signs behaviour certificates: a JWT (ES256) stating an active agent's identity, model,
 * tool allow-list, policy hash, budgets and review status, for a credential broker to check
 * before it issues credentials.
 */
export class BehaviourCertificates {
  private readonly lifetime: Duration;

  constructor(private readonly options: BehaviourCertificatesOptions) {
    this.lifetime = options.lifetime ?? DEFAULT_CERTIFICATE_LIFETIME;
  }

  /**
   * A certificate for an active agent whose review is not overdue; otherwise a 409 that says
   * why. It expires after the configured lifetime, or when the review falls due if sooner.
   */
  async issue(
    agent: AgentRecord,
    policy: EffectivePolicy,
  ): Promise<IssuedCertificate> {
    const now = this.options.clock();
    this.assertCertifiable(agent, policy, now);
    const expiresAtMs = Math.min(
      now.getTime() + this.lifetime.toMillis(),
      agent.nextReviewDueAt ? Date.parse(agent.nextReviewDueAt) : Infinity,
    );
    const score = await this.options.maturity.scoreOf(agent.entityRef);
    const claims: CertificateClaims = {
      iss: this.options.issuer,
      sub: agent.identityId,
      iat: Math.floor(now.getTime() / 1000),
      exp: Math.floor(expiresAtMs / 1000),
      jti: randomUUID(),
      agentRef: agent.entityRef,
      model: policy.model,
      tools: policy.tools.map(({ name, access, approval }) => ({
        name,
        access,
        approval,
      })),
      policyHash: policy.hash,
      budgets: policy.budgets,
      review: {
        ...(agent.nextReviewDueAt ? { dueAt: agent.nextReviewDueAt } : {}),
        overdue: false,
      },
      ...(score !== undefined ? { maturityScore: score } : {}),
    };
    const key = await this.options.keys.current();
    const certificate = await new SignJWT(claims)
      .setProtectedHeader({
        alg: CERTIFICATE_ALG,
        typ: CERTIFICATE_TYPE,
        kid: key.kid,
      })
      .sign(key.privateKey);
    return {
      certificate,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      claims,
    };
  }

  /** The public keys certificates are verified with. */
  async jwks(): Promise<JSONWebKeySet> {
    return { keys: await this.options.keys.publicKeys() };
  }

  private assertCertifiable(
    agent: AgentRecord,
    policy: EffectivePolicy,
    now: Date,
  ) {
    if (agent.state !== 'active') {
      throw new ConflictError(
        `${agent.entityRef} is ${
          agent.state
        }; certificates are issued only for active agents (${
          NOT_ACTIVE_FIX[agent.state]
        })`,
      );
    }
    if (policy.effect !== 'allow-listed') {
      throw new ConflictError(
        `${agent.entityRef} has no enforceable policy (${policy.reason}); certificates are issued only for agents with an approved scope`,
      );
    }
    // A certificate must not outlive the review it vouches for, down to the second.
    const dueSoonerThanASecond =
      agent.nextReviewDueAt &&
      Math.floor(Date.parse(agent.nextReviewDueAt) / 1000) <=
        Math.floor(now.getTime() / 1000);
    if (
      reviewStatusOf(agent, false, now) === 'overdue' ||
      dueSoonerThanASecond
    ) {
      throw new ConflictError(
        `${agent.entityRef}'s scope review was due ${agent.nextReviewDueAt} and is overdue; certificates are issued only while reviews are current: the owner submits the open review first`,
      );
    }
  }
}
