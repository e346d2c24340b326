import { CallApproval } from '@mandate/plugin-agents-common';
import { Tracer, trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { ApprovalClient } from './approvals/ApprovalClient';
import { summarizeArguments } from './approvals/summarize';
import {
  CertificateClaims,
  CertificateVerifier,
} from './certificates/CertificateVerifier';
import { BudgetCounter } from './decide/BudgetCounter';
import { BUILT_IN_CONSTRAINTS, ConstraintCheck } from './decide/constraints';
import { ToolCallDecision, decideToolCall } from './decide/decideToolCall';
import {
  MandateConnection,
  PolicyClient,
  agentsApiUrl,
} from './policy/PolicyClient';
import {
  CallGrant,
  ToolCallReport,
  reportToolCall,
} from './telemetry/toolCallSpan';

/** @public */
export interface EnforcerOptions {
  mandate: MandateConnection;
  /** How often to look for policy changes; 2 seconds by default. */
  pollIntervalMs?: number;
  /** Checks for constraints beyond the built-in ones (maxAmountUsd, approvalAboveUsd, …). */
  constraintChecks?: Record<string, ConstraintCheck>;
  /** How long the grant opened for an allowed call lives; 300 seconds by default. */
  grantTtlSeconds?: number;
  /** Where spans go; the global tracer provider's by default. */
  tracer?: Tracer;
  /** "Now"; the system clock by default. */
  clock?: () => Date;
  /** Told when a policy poll fails (the last good policies stay in force). */
  onError?: (error: Error) => void;
}

/** A call to decide: the agent's verified certificate, the tool and its arguments. @public */
export interface CallToAuthorize {
  certificate: CertificateClaims;
  tool: string;
  arguments: Record<string, unknown>;
  /** The person the agent acts for, when the gateway knows. */
  onBehalfOf?: string;
}

/** The final answer for a call, after any human approval. @public */
export interface Authorization {
  decision: ToolCallDecision;
  /** The short-lived grant opened for an allowed call. */
  grant?: CallGrant;
  /** The approval a person gave or refused, when the call needed one. */
  approval?: CallApproval;
}

/**
 * Everything an enforcement point needs from Mandate, in one place: the policies (polled),
 * behaviour certificates (verified against the JWKS), a decision per tool call (Cedar,
 * constraints, budgets), per-call human approvals held in Mandate, and spans to report.
 * @public
 */
export class Enforcer {
  readonly policies: PolicyClient;
  readonly certificates: CertificateVerifier;
  private readonly approvals: ApprovalClient;
  private readonly budgets: BudgetCounter;
  private readonly checks: Record<string, ConstraintCheck>;
  private readonly clock: () => Date;
  private readonly tracer: Tracer;

  constructor(private readonly options: EnforcerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.policies = new PolicyClient({
      ...options.mandate,
      pollIntervalMs: options.pollIntervalMs,
      onError: options.onError,
    });
    this.certificates = new CertificateVerifier({
      jwks: agentsApiUrl(options.mandate, '/v1/certificates/jwks.json'),
      clock: this.clock,
    });
    this.approvals = new ApprovalClient(options.mandate);
    this.budgets = new BudgetCounter(this.clock);
    this.checks = { ...BUILT_IN_CONSTRAINTS, ...options.constraintChecks };
    this.tracer =
      options.tracer ?? trace.getTracer('@mandate/plugin-agents-enforcement');
  }

  /** Loads the policies and keeps them current. */
  start(): Promise<void> {
    return this.policies.start();
  }

  stop(): void {
    this.policies.stop();
  }

  /** The agent behind a bearer token (its behaviour certificate), or a CertificateError. */
  authenticate(token: string): Promise<CertificateClaims> {
    return this.certificates.verify(token);
  }

  /** Mandate's decision for a call as it stands, without asking anyone. */
  decide(call: CallToAuthorize, approved = false): ToolCallDecision {
    return decideToolCall(
      this.policies.current(),
      {
        certificate: call.certificate,
        tool: call.tool,
        arguments: call.arguments,
        approved,
        callsToday: this.budgets.usedToday(call.certificate.sub),
      },
      this.checks,
    );
  }

  /** Whether the agent may call `tool` at all (with a person's approval, perhaps). */
  mayCall(certificate: CertificateClaims, tool: string): boolean {
    const probe = this.decide({ certificate, tool, arguments: {} });
    return (
      probe.decision !== 'deny' ||
      probe.code === 'constraint' ||
      probe.code === 'over-budget'
    );
  }

  /**
   * Decides a call; one that needs a person is held in Mandate until the agent's owner,
   * sponsor or security decide (or it expires), then decided again with the answer under the
   * policies in force by then. An allowed call opens a short-lived grant and counts against
   * the daily budget.
   */
  async authorize(
    call: CallToAuthorize,
    signal?: AbortSignal,
  ): Promise<Authorization> {
    let decision = this.decide(call);
    let approval: CallApproval | undefined;
    if (decision.decision === 'approval-required') {
      approval = await this.approvals.file({
        agentRef: call.certificate.agentRef,
        identity: call.certificate.sub,
        tool: call.tool,
        argumentsSummary: summarizeArguments(call.tool, call.arguments),
        why: decision.why,
        ...(call.onBehalfOf ? { onBehalfOf: call.onBehalfOf } : {}),
        grant: {
          tool: call.tool,
          ttlSeconds: this.options.grantTtlSeconds ?? 300,
        },
      });
      approval = await this.approvals.waitForDecision(approval.id, signal);
      decision = this.answered(call, approval);
    }
    if (decision.decision !== 'allow') return { decision, approval };
    this.budgets.count(call.certificate.sub);
    const issuedAt = this.clock();
    const grant: CallGrant = {
      id: randomUUID(),
      tool: call.tool,
      issuedAt: issuedAt.toISOString(),
      expiresAt: new Date(
        issuedAt.getTime() + (this.options.grantTtlSeconds ?? 300) * 1000,
      ).toISOString(),
      ...(call.onBehalfOf ? { onBehalfOf: call.onBehalfOf } : {}),
    };
    return { decision, grant, ...(approval ? { approval } : {}) };
  }

  /** Reports what happened to a call as a span, for Mandate's OTLP receiver. */
  report(report: ToolCallReport): void {
    reportToolCall(this.tracer, report);
  }

  private answered(
    call: CallToAuthorize,
    approval: CallApproval,
  ): ToolCallDecision {
    if (approval.status === 'approved') return this.decide(call, true);
    const by = approval.decidedBy ? ` by ${approval.decidedBy}` : '';
    return approval.status === 'denied'
      ? {
          decision: 'deny',
          code: 'approval-denied',
          message: `${call.tool} was not approved${by}: ${
            approval.decisionReason ?? 'no reason given'
          }`,
        }
      : {
          decision: 'deny',
          code: 'approval-expired',
          message: `${call.tool} waited for approval until ${approval.expiresAt} and nobody decided`,
        };
  }
}
