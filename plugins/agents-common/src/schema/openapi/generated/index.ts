// THIS FILE IS GENERATED from plugins/agents-backend/src/schema/openapi.yaml by scripts/generate-openapi.mjs; do not edit.
// Change the document, then run `yarn generate:openapi`.
/* eslint-disable */
/** @public */
export interface paths {
  '/v1/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agent estate with each agent's governance summary. Callers see the agents the policy lets them read (owners their own, security all). */
    get: operations['ListAgents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The estate list as CSV with the same filters and order as /v1/agents, without paging. */
    get: operations['ExportAgentsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/estate/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Counts for the estate view over the agents the caller may see; agents by state, overdue reviews, open findings by type, agents per data class. */
    get: operations['EstateSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One agent's governance record, approved scope and drift between its YAML and the approved scope. */
    get: operations['GetAgent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/scopes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every approved version of the agent's scope, newest first. */
    get: operations['ListApprovedScopes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agent's open review (with per-tool usage in the period) and its past reviews, newest first. */
    get: operations['ListAgentReviews'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agent's audit events, newest first. */
    get: operations['ListAgentAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agent's effective policy for the enforcement layer, as JSON or as Cedar. The ETag is the policy hash. Readable by whoever may read the agent, and by services (a gateway's external-access token). */
    get: operations['GetAgentPolicy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The effective policies of every agent the caller may read that is past `proposed` (suspended, decommissioning and retired agents as deny-all), with a hash over the member hashes as ETag. Gateways poll it with If-None-Match. */
    get: operations['GetPolicyBundle'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/certificate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Signs a behaviour certificate (JWT, ES256, typ mandate-behaviour-certificate+jwt) for an active agent whose review is not overdue; 409 otherwise, saying why. Verify it with the keys at /v1/certificates/jwks.json. */
    post: operations['IssueBehaviourCertificate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/certificates/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public keys (JWKS) behaviour certificates are signed with; no token needed. */
    get: operations['GetCertificateKeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Requests, newest first. `assignedToMe` lists what waits for the caller's decision. */
    get: operations['ListRequests'];
    put?: never;
    /** File a request. commission: payload.entity is the Agent entity (optional when the agent is already in the catalog). scope-change: payload.scope is the whole new scope (dataClasses and tools); reductions apply at once, expansions wait for security. owner-transfer: payload.newOwner; the new owner accepts. decommission: payload.attestation is required when no enforcement layer is installed. suspend and resume: security only, applied at once. */
    post: operations['CreateRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GetRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/requests/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject a pending request. Security decides; the new owner accepts an owner transfer. */
    post: operations['DecideRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per-call approvals of the agents the caller may read, newest first. */
    get: operations['ListCallApprovals'];
    put?: never;
    /** An enforcement point (a service token with agents.call.request) holds a tool call for a person to approve. Owner, sponsor and security are notified. */
    post: operations['FileCallApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approvals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One approval. With waitSeconds the answer waits (up to that long) while the approval is pending, so a gateway learns the decision without polling. */
    get: operations['GetCallApproval'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approvals/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or deny a pending call. The agent's owner, its sponsor and security decide; the person the call acts for does not. */
    post: operations['DecideCallApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reviews/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open reviews of the agents the caller owns, and requests waiting for the caller's decision. */
    get: operations['ListMyReviews'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reviews/{id}/submission': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Complete an open review with a keep or revoke decision for every tool and an attestation. Revocations apply at once as a scope reduction. A review is submitted once; a second submission gets 409. */
    post: operations['SubmitReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/findings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Findings across the estate (or for one agent), most severe and most recent first. */
    get: operations['ListFindings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/findings/{id}/resolution': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Security closes a finding after looking into it, with a reason that goes on the audit trail. A finding whose condition still holds opens again at the next detection. */
    post: operations['ResolveFinding'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the enforcement layer saw the agent do in a window (default the last 30 days): calls, denials, errors, tokens and cost per day; per tool with latency and last use; the models that answered; and whether the data is current. */
    get: operations['GetAgentActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Credential grants the enforcement layer reported for the agent, newest first. */
    get: operations['ListAgentGrants'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{namespace}/{name}/maturity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The twelve production controls evaluated from the agent's records and telemetry, each with its evidence, and the score (share of controls passed, 0–100). */
    get: operations['GetAgentMaturity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/enforcement/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Installed enforcement-layer providers and telemetry sources, with staleness. */
    get: operations['GetEnforcementStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Walks the whole audit trail and reports the first broken link, or a record that differs from a signed checkpoint, or records missing after the latest checkpoint. */
    get: operations['VerifyAuditChain'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail as JSON lines: one event per line, oldest first, optionally for one agent; then the signed checkpoints of the chain head, one `{"checkpoint": "<JWS>"}` per line, the last for the head the export was cut at (docs/audit.md). */
    get: operations['ExportAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/portal/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Demo publishing without an SCM (agents.portalPublishing.enabled): stores the agent's catalog-info.yaml and returns the URL to register in the catalog. The caller must be allowed to file requests for the agent's owner. */
    post: operations['PublishPortalAgent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/portal/agents/{namespace}/{name}/catalog-info.yaml': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The published catalog-info.yaml, readable without a token so the catalog's URL reader can fetch it. */
    get: operations['ReadPortalAgent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/** @public */
export type webhooks = Record<string, never>;
/** @public */
export interface components {
  schemas: {
    DailyActivity: {
      /** UTC day, YYYY-MM-DD */
      day: string;
      calls: number;
      denials: number;
      errors: number;
      inputTokens: number;
      outputTokens: number;
      costUsd: number;
    };
    ToolActivity: {
      tool: string;
      calls: number;
      denials: number;
      approvalsRequired: number;
      errors: number;
      /** Upper bound of the median's latency bucket, in ms */
      p50Ms?: number;
      p95Ms?: number;
      /** Format: date-time */
      lastSeenAt: string;
      inApprovedScope: boolean;
    };
    ModelActivity: {
      model: string;
      tier?: string;
      /** Model calls in the window */
      calls: number;
      /** Summed over those calls */
      inputTokens: number;
      outputTokens: number;
      /** USD, as the enforcement layer priced the calls */
      costUsd: number;
      lastDay: string;
    };
    SourceStatus: {
      id: string;
      kind: string;
      /** Format: date-time */
      lastDataAt?: string;
      /** Format: date-time */
      lastSuccessAt?: string;
      /** Format: date-time */
      lastAttemptAt?: string;
      lastError?: string;
      consecutiveFailures: number;
      /** Format: date-time */
      nextAttemptAt?: string;
      stale: boolean;
      staleReason?: string;
    };
    AgentActivity: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      daily: components['schemas']['DailyActivity'][];
      tools: components['schemas']['ToolActivity'][];
      models: components['schemas']['ModelActivity'][];
      sources: components['schemas']['SourceStatus'][];
      /** Format: date-time */
      lastActivityAt?: string;
    };
    AgentMaturity: {
      score: number;
      /** Format: date-time */
      evaluatedAt: string;
      checks: components['schemas']['MaturityCheck'][];
    };
    /**
     * The twelve production controls of the maturity checklist.
     */
    MaturityControlId:
      | 'unique-identity'
      | 'no-shared-identity'
      | 'registered-owner-purpose'
      | 'tool-manifest'
      | 'gateway-enforcement'
      | 'short-lived-grants'
      | 'baseline'
      | 'audit-trail'
      | 'anomaly-response'
      | 'approved-scope'
      | 'review-cadence'
      | 'decommission-criteria';
    /** One control of the checklist, evaluated from real data. */
    MaturityCheck: {
      id: components['schemas']['MaturityControlId'];
      title: string;
      passed: boolean;
      /** What was looked at, in words a reviewer can verify. */
      evidence: string;
    };
    Grant: {
      id: string;
      tool: string;
      scope?: string;
      /** Format: date-time */
      issuedAt: string;
      /** Format: date-time */
      expiresAt?: string;
      /** Format: date-time */
      revokedAt?: string;
      onBehalfOf?: string;
      active: boolean;
      /** Lives longer than agents.telemetry.standingGrantAfter (or never expires) */
      standing: boolean;
      inApprovedScope: boolean;
    };
    /** Installed enforcement-layer providers and telemetry sources. */
    EnforcementStatus: {
      providers: {
        id: string;
        status: 'ok' | 'degraded' | 'down';
        message?: string;
        /** Format: date-time */
        lastDataAt?: string;
      }[];
      sources: components['schemas']['SourceStatus'][];
    };
    /** Counts behind the estate view's tiles. */
    EstateSummary: {
      total: number;
      /** Agents per lifecycle state; a state no agent is in is left out. */
      byState: {
        proposed?: number;
        active?: number;
        suspended?: number;
        decommissioning?: number;
        retired?: number;
      };
      overdueReviews: number;
      /** Open findings by type. */
      findingsByType: {
        [key: string]: number;
      };
      /** Agents (not retired) that may reach each data class. */
      agentsByDataClass: {
        [key: string]: number;
      };
    };
    /** Result of walking the audit chain and holding it against its signed checkpoints (docs/audit.md). */
    ChainVerification: {
      ok: boolean;
      /** Records that checked out before the first break. */
      checked: number;
      /** The first record that is missing, out of place or changed. */
      firstBrokenSeq?: number;
      /** What is wrong, when not ok. */
      reason?: string;
      /** The signed checkpoints of the chain head stored so far. */
      checkpoints: {
        /** Checkpoints whose signature verified against the JWKS. */
        checked: number;
        /** The latest of them, which the chain must reach. */
        latest?: {
          /** Records the trail had. */
          seq: number;
          /** The hash of record seq. */
          hash: string;
          /** Format: date-time */
          time: string;
          /** The key that signed it. */
          kid: string;
        };
      };
    };
    /** Where a page of results sits in the whole list; each list adds its items. */
    Page: {
      totalCount: number;
      limit: number;
      offset: number;
    };
    Error: {
      error: {
        name: string;
        message: string;
      };
    };
    AgentState:
      | 'proposed'
      | 'active'
      | 'suspended'
      | 'decommissioning'
      | 'retired';
    RequestType:
      | 'commission'
      | 'scope-change'
      | 'owner-transfer'
      | 'decommission'
      | 'suspend'
      | 'resume';
    /**
     * pending: awaits a decision; awaiting-evidence: approved, waiting for the enforcement layer to report no active grants; applied; rejected.
     */
    RequestStatus: 'pending' | 'awaiting-evidence' | 'applied' | 'rejected';
    /**
     * Where an agent's review stands.
     */
    ReviewStatus: 'not-due' | 'due' | 'overdue' | 'none';
    FindingSeverity: 'low' | 'medium' | 'high' | 'critical';
    ModelTier: 'frontier' | 'standard' | 'small';
    ToolAccess: 'read' | 'write' | 'destructive';
    Tool: {
      name: string;
      api?: string;
      access: components['schemas']['ToolAccess'];
      dataClasses?: string[];
      approval?: 'none' | 'human';
      constraints?: {
        [key: string]: unknown;
      };
    };
    Scope: {
      dataClasses: string[];
      tools: components['schemas']['Tool'][];
    };
    ApprovedScope: components['schemas']['Scope'] & {
      version: number;
      /** Format: date-time */
      approvedAt: string;
      approvedBy: string;
      requestId?: string;
      reason?: string;
    };
    /** One difference between two scopes, from the point of view of the newer one. */
    ScopeChange:
      | {
          kind: 'tool-added';
          tool: string;
          access: components['schemas']['ToolAccess'];
        }
      | {
          kind: 'tool-removed';
          tool: string;
        }
      | {
          kind: 'access-raised' | 'access-lowered';
          tool: string;
          from: components['schemas']['ToolAccess'];
          to: components['schemas']['ToolAccess'];
        }
      | {
          kind: 'approval-removed' | 'approval-added' | 'constraints-changed';
          tool: string;
        }
      | {
          kind: 'data-class-added' | 'data-class-removed';
          dataClass: string;
          /** The tool the data class is declared on; absent for the agent's own data classes. */
          tool?: string;
        };
    Drift: {
      notApproved: components['schemas']['ScopeChange'][];
      notDeclared: components['schemas']['ScopeChange'][];
      /** The YAML owner when it differs from the governance owner (after a transfer). */
      ownerDiffers?: {
        declared: string;
        governance: string;
      };
    };
    AgentSummary: {
      entityRef: string;
      name: string;
      namespace: string;
      title?: string;
      ownerRef: string;
      sponsorRef?: string;
      state: components['schemas']['AgentState'];
      inCatalog: boolean;
      modelTier?: components['schemas']['ModelTier'];
      highestAccess?: components['schemas']['ToolAccess'];
      dataClasses: string[];
      reviewStatus: components['schemas']['ReviewStatus'];
      /** Format: date-time */
      reviewDueAt?: string;
      reviewOverdueDays: number;
      openRequests: number;
      openFindings: number;
      openFindingsBySeverity: {
        critical: number;
        high: number;
        medium: number;
        low: number;
      };
      maturityScore?: number;
      /** Format: date-time */
      lastActivityAt?: string;
      /** Format: date-time */
      commissionedAt?: string;
      /** Format: date-time */
      stateChangedAt: string;
    };
    Request: {
      id: string;
      agentRef: string;
      type: components['schemas']['RequestType'];
      status: components['schemas']['RequestStatus'];
      requesterRef: string;
      assigneeRef?: string;
      reason: string;
      payload: {
        [key: string]: unknown;
      };
      changes?: components['schemas']['ScopeChange'][];
      decision?: 'approve' | 'reject';
      deciderRef?: string;
      decisionReason?: string;
      evidence?: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      decidedAt?: string;
      /** Format: date-time */
      appliedAt?: string;
    };
    ReviewToolUsage: {
      tool: string;
      access: components['schemas']['ToolAccess'];
      dataClasses: string[];
      calls: number;
      denials: number;
      /** Format: date-time */
      lastUsedAt?: string;
      grantsIssued: number;
      recommendation: 'keep' | 'revoke';
      usageKnown: boolean;
    };
    Review: {
      id: string;
      agentRef: string;
      status: 'open' | 'completed' | 'cancelled';
      /** Format: date-time */
      dueAt: string;
      /** Format: date-time */
      openedAt: string;
      /** Format: date-time */
      periodStart: string;
      /** Format: date-time */
      periodEnd: string;
      escalationLevel: number;
      /** Format: date-time */
      completedAt?: string;
      completedBy?: string;
      attestation?: string;
      decisions?: {
        tool: string;
        decision: 'keep' | 'revoke';
      }[];
      tools?: components['schemas']['ReviewToolUsage'][];
    };
    CallApprovalStatus: 'pending' | 'approved' | 'denied' | 'expired';
    /** A tool call an enforcement point holds until a person decides it. */
    CallApproval: {
      id: string;
      agentRef: string;
      identity: string;
      tool: string;
      /** What the call would do, as the gateway summarised it (secrets redacted). */
      argumentsSummary: string;
      /** Why the call needs a person. */
      why: string;
      /** The person the agent acts for. */
      onBehalfOf?: string;
      /** The short-lived grant the call would open. */
      grant?: {
        tool: string;
        scope?: string;
        ttlSeconds: number;
      };
      /** The enforcement point that filed it, such as service:external:agent-gateway. */
      requestedBy: string;
      /** Format: date-time */
      requestedAt: string;
      /** Format: date-time */
      expiresAt: string;
      status: components['schemas']['CallApprovalStatus'];
      decidedBy?: string;
      /** Format: date-time */
      decidedAt?: string;
      decisionReason?: string;
    };
    NewCallApproval: {
      /** The agent whose call waits, as its certificate names it. */
      agentRef: string;
      /** The identity the agent presented; must be the agent's. */
      identity: string;
      tool: string;
      argumentsSummary: string;
      why: string;
      onBehalfOf?: string;
      grant?: {
        tool: string;
        scope?: string;
        ttlSeconds: number;
      };
      /** How long the call may wait; agents.approvals.expiresAfter by default (10 minutes). */
      expiresInSeconds?: number;
    };
    Finding: {
      id: string;
      agentRef?: string;
      subject: string;
      type: string;
      severity: components['schemas']['FindingSeverity'];
      status: 'open' | 'resolved';
      message: string;
      /** Format: date-time */
      firstSeenAt: string;
      /** Format: date-time */
      lastSeenAt: string;
      evidence: {
        [key: string]: unknown;
      };
    };
    AuditEvent: {
      seq: number;
      id: string;
      agentRef?: string;
      actorRef: string;
      action: string;
      /** Format: date-time */
      occurredAt: string;
      data: {
        [key: string]: unknown;
      };
      prevHash: string;
      hash: string;
      /** The algorithm of hash (docs/audit.md): 1 when absent (records written before version 2), 2 for RFC 8785 JSON. */
      hashVersion?: number;
    };
    AgentDetail: components['schemas']['AgentSummary'] & {
      identityId: string;
      declaredScope: components['schemas']['Scope'];
      approvedScope?: components['schemas']['ApprovedScope'];
      approvedVersions: number;
      drift: components['schemas']['Drift'];
      openReview?: components['schemas']['Review'];
      /** Format: date-time */
      lastReviewCompletedAt?: string;
      requests: components['schemas']['Request'][];
      findings: components['schemas']['Finding'][];
      enforcement: {
        providers: string[];
        note?: string;
      };
      maturity?: components['schemas']['AgentMaturity'];
    };
    PolicyTool: {
      name: string;
      /** The API entity (for example an MCP server) that serves the tool, when declared. */
      api?: string;
      access: components['schemas']['ToolAccess'];
      approval: 'none' | 'human';
      /** True for destructive tools and tools with approval human; the gateway needs a per-call approval. */
      requiresApproval: boolean;
      dataClasses: string[];
      constraints: {
        [key: string]: unknown;
      };
    };
    /** An agent's approved scope as the enforcement layer loads it. Only active agents are allow-listed; every other agent is deny-all with no tools. `hash` is sha256 over the canonical JSON (sorted keys, no whitespace) of every other field. */
    EffectivePolicy: {
      apiVersion: 'mandate.dev/policy/v1';
      kind: 'AgentPolicy';
      agent: {
        ref: string;
        identity: string;
        state: components['schemas']['AgentState'];
      };
      effect: 'allow-listed' | 'deny-all';
      /** Why everything is denied; only on deny-all documents. */
      reason?: string;
      model: {
        provider?: string;
        name?: string;
        tier?: components['schemas']['ModelTier'];
      };
      budgets: {
        [key: string]: number;
      };
      tools: components['schemas']['PolicyTool'][];
      /** The approved scope version the tools come from; null when none applies. */
      approvedScopeVersion: number | null;
      hash: string;
    };
    /** The effective policies of many agents, with a hash over their hashes. */
    PolicyBundle: {
      apiVersion: 'mandate.dev/policy/v1';
      kind: 'PolicyBundle';
      policies: components['schemas']['EffectivePolicy'][];
      hash: string;
    };
    CertificateClaims: {
      iss: string;
      /** The agent's identity id. */
      sub: string;
      iat: number;
      exp: number;
      jti: string;
      agentRef: string;
      model: {
        [key: string]: unknown;
      };
      tools: {
        name: string;
        access: components['schemas']['ToolAccess'];
        approval: 'none' | 'human';
      }[];
      policyHash: string;
      budgets: {
        [key: string]: number;
      };
      review: {
        /** Format: date-time */
        dueAt?: string;
        overdue: boolean;
      };
      maturityScore?: number;
    };
  };
  responses: {
    /** An error, with a message that names the field or the rule. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    modelTier: components['schemas']['ModelTier'];
    highestAccess: components['schemas']['ToolAccess'];
    dataClass: string;
    /** Agents with an open finding of this severity. */
    findingSeverity: components['schemas']['FindingSeverity'];
    /** Agents whose maturity score is below this, or not yet evaluated. */
    maturityBelow: number;
    agentOrderBy:
      | 'name'
      | 'state'
      | 'reviewDueAt'
      | 'stateChangedAt'
      | 'maturityScore'
      | 'lastActivityAt'
      | 'openFindings';
    namespace: string;
    name: string;
    limit: number;
    offset: number;
    /** json (default) or cedar (Cedar policy text). */
    policyFormat: 'json' | 'cedar';
    /** The ETag of a copy the caller holds; 304 when the policy has not changed. */
    ifNoneMatch: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
/** @public */
export type $defs = Record<string, never>;
/** @public */
export interface operations {
  ListAgents: {
    parameters: {
      query?: {
        state?: components['schemas']['AgentState'];
        /** Entity ref of the owning group or user, for example group:default/platform. */
        owner?: string;
        reviewStatus?: components['schemas']['ReviewStatus'];
        /** Matches name, title or identity. */
        q?: string;
        modelTier?: components['parameters']['modelTier'];
        highestAccess?: components['parameters']['highestAccess'];
        dataClass?: components['parameters']['dataClass'];
        /** Agents with an open finding of this severity. */
        findingSeverity?: components['parameters']['findingSeverity'];
        /** Agents whose maturity score is below this, or not yet evaluated. */
        maturityBelow?: components['parameters']['maturityBelow'];
        orderBy?: components['parameters']['agentOrderBy'];
        order?: 'asc' | 'desc';
        limit?: components['parameters']['limit'];
        offset?: components['parameters']['offset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of agents. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Page'] & {
            items: components['schemas']['AgentSummary'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ExportAgentsCsv: {
    parameters: {
      query?: {
        state?: components['schemas']['AgentState'];
        owner?: string;
        reviewStatus?: components['schemas']['ReviewStatus'];
        q?: string;
        modelTier?: components['parameters']['modelTier'];
        highestAccess?: components['parameters']['highestAccess'];
        dataClass?: components['parameters']['dataClass'];
        /** Agents with an open finding of this severity. */
        findingSeverity?: components['parameters']['findingSeverity'];
        /** Agents whose maturity score is below this, or not yet evaluated. */
        maturityBelow?: components['parameters']['maturityBelow'];
        orderBy?: components['parameters']['agentOrderBy'];
        order?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** CSV, one agent a row. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  EstateSummary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The counts. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EstateSummary'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetAgent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The agent. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentDetail'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListApprovedScopes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The versions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ApprovedScope'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListAgentReviews: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The reviews. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Review'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListAgentAudit: {
    parameters: {
      query?: {
        limit?: components['parameters']['limit'];
        offset?: components['parameters']['offset'];
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The events. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Page'] & {
            items: components['schemas']['AuditEvent'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetAgentPolicy: {
    parameters: {
      query?: {
        /** json (default) or cedar (Cedar policy text). */
        format?: components['parameters']['policyFormat'];
      };
      header?: {
        /** The ETag of a copy the caller holds; 304 when the policy has not changed. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The policy. */
      200: {
        headers: {
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EffectivePolicy'];
          'text/plain': string;
        };
      };
      /** Unchanged since the ETag in If-None-Match. */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetPolicyBundle: {
    parameters: {
      query?: {
        /** json (default) or cedar (Cedar policy text). */
        format?: components['parameters']['policyFormat'];
      };
      header?: {
        /** The ETag of a copy the caller holds; 304 when the policy has not changed. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The bundle. */
      200: {
        headers: {
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyBundle'];
          'text/plain': string;
        };
      };
      /** Unchanged since the ETag in If-None-Match. */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  IssueBehaviourCertificate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The certificate. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            certificate: string;
            /** Format: date-time */
            expiresAt: string;
            claims: components['schemas']['CertificateClaims'];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetCertificateKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The key set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            keys: {
              [key: string]: unknown;
            }[];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListRequests: {
    parameters: {
      query?: {
        agentRef?: string;
        status?: components['schemas']['RequestStatus'];
        assignedToMe?: boolean;
        limit?: components['parameters']['limit'];
        offset?: components['parameters']['offset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The requests. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Page'] & {
            items: components['schemas']['Request'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  CreateRequest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** agent:<namespace>/<name> */
          agentRef: string;
          type: components['schemas']['RequestType'];
          reason: string;
          /** Repeating a request with the same key returns the first one instead of filing a second. */
          idempotencyKey?: string;
          payload?: {
            entity?: {
              [key: string]: unknown;
            };
            scope?: components['schemas']['Scope'];
            newOwner?: string;
            attestation?: string;
          };
        };
      };
    };
    responses: {
      /** The request filed earlier with the same idempotency key. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Request'];
        };
      };
      /** The request as filed (and applied, where no decision was needed). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Request'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The request. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Request'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  DecideRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decision: 'approve' | 'reject';
          reason: string;
          /** For an owner transfer raised for an orphaned agent, the owner security assigns. */
          newOwner?: string;
        };
      };
    };
    responses: {
      /** The decided request. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Request'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListCallApprovals: {
    parameters: {
      query?: {
        status?: components['schemas']['CallApprovalStatus'];
        agentRef?: string;
        limit?: components['parameters']['limit'];
        offset?: components['parameters']['offset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of approvals. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CallApproval'][];
            totalCount: number;
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  FileCallApproval: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewCallApproval'];
      };
    };
    responses: {
      /** The approval, pending. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CallApproval'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetCallApproval: {
    parameters: {
      query?: {
        waitSeconds?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The approval. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CallApproval'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  DecideCallApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decision: 'approve' | 'deny';
          reason: string;
        };
      };
    };
    responses: {
      /** The decided approval. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CallApproval'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListMyReviews: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** What waits for the caller. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            reviews: components['schemas']['Review'][];
            requests: components['schemas']['Request'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  SubmitReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decisions: {
            tool: string;
            decision: 'keep' | 'revoke';
          }[];
          attestation: string;
        };
      };
    };
    responses: {
      /** The completed review. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListFindings: {
    parameters: {
      query?: {
        agentRef?: string;
        type?: string;
        severity?: components['schemas']['FindingSeverity'];
        status?: 'open' | 'resolved';
        limit?: components['parameters']['limit'];
        offset?: components['parameters']['offset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The findings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Page'] & {
            items: components['schemas']['Finding'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ResolveFinding: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** The resolved finding. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Finding'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetAgentActivity: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The activity. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentActivity'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListAgentGrants: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The grants. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Grant'][];
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetAgentMaturity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The checklist. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentMaturity'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetEnforcementStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnforcementStatus'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  VerifyAuditChain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The verification result. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChainVerification'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ExportAudit: {
    parameters: {
      query?: {
        agentRef?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** JSON lines. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': string;
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  PublishPortalAgent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          entity: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** Published. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            catalogInfoUrl: string;
          };
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ReadPortalAgent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The YAML. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/yaml': string;
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
}
