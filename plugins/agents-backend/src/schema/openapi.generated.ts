// THIS FILE IS GENERATED from plugins/agents-backend/src/schema/openapi.yaml by scripts/generate-openapi.mjs; do not edit.
// Change the document, then run `yarn generate:openapi`.
/* eslint-disable */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'agents',
    version: '1',
    description:
      "Mandate's governance API: the lifecycle state and approved scope of every agent, joiner–mover–leaver requests, quarterly scope reviews, findings and the tamper-evident audit trail. Served under /api/agents. Every route needs a Backstage token; what each caller may see and do is decided by the permission policy.",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    responses: {
      ErrorResponse: {
        description:
          'An error, with a message that names the field or the rule.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    parameters: {
      modelTier: {
        name: 'modelTier',
        in: 'query',
        required: false,
        schema: {
          $ref: '#/components/schemas/ModelTier',
        },
      },
      highestAccess: {
        name: 'highestAccess',
        in: 'query',
        required: false,
        schema: {
          $ref: '#/components/schemas/ToolAccess',
        },
      },
      dataClass: {
        name: 'dataClass',
        in: 'query',
        required: false,
        schema: {
          type: 'string',
          maxLength: 100,
        },
      },
      findingSeverity: {
        name: 'findingSeverity',
        in: 'query',
        required: false,
        description: 'Agents with an open finding of this severity.',
        schema: {
          $ref: '#/components/schemas/FindingSeverity',
        },
      },
      maturityBelow: {
        name: 'maturityBelow',
        in: 'query',
        required: false,
        description:
          'Agents whose maturity score is below this, or not yet evaluated.',
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 101,
        },
      },
      agentOrderBy: {
        name: 'orderBy',
        in: 'query',
        required: false,
        schema: {
          type: 'string',
          enum: [
            'name',
            'state',
            'reviewDueAt',
            'stateChangedAt',
            'maturityScore',
            'lastActivityAt',
            'openFindings',
          ],
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          pattern: '^[a-zA-Z0-9][-_.a-zA-Z0-9]*$',
          maxLength: 63,
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          pattern: '^[a-zA-Z0-9][-_.a-zA-Z0-9]*$',
          maxLength: 63,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 0,
          default: 0,
        },
      },
      policyFormat: {
        name: 'format',
        in: 'query',
        required: false,
        description: 'json (default) or cedar (Cedar policy text).',
        schema: {
          type: 'string',
          enum: ['json', 'cedar'],
          default: 'json',
        },
      },
      ifNoneMatch: {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'The ETag of a copy the caller holds; 304 when the policy has not changed.',
        schema: {
          type: 'string',
        },
      },
    },
    schemas: {
      DailyActivity: {
        type: 'object',
        required: [
          'day',
          'calls',
          'denials',
          'errors',
          'inputTokens',
          'outputTokens',
          'costUsd',
        ],
        properties: {
          day: {
            type: 'string',
            description: 'UTC day, YYYY-MM-DD',
          },
          calls: {
            type: 'integer',
          },
          denials: {
            type: 'integer',
          },
          errors: {
            type: 'integer',
          },
          inputTokens: {
            type: 'integer',
          },
          outputTokens: {
            type: 'integer',
          },
          costUsd: {
            type: 'number',
          },
        },
      },
      ToolActivity: {
        type: 'object',
        required: [
          'tool',
          'calls',
          'denials',
          'approvalsRequired',
          'errors',
          'lastSeenAt',
          'inApprovedScope',
        ],
        properties: {
          tool: {
            type: 'string',
          },
          calls: {
            type: 'integer',
          },
          denials: {
            type: 'integer',
          },
          approvalsRequired: {
            type: 'integer',
          },
          errors: {
            type: 'integer',
          },
          p50Ms: {
            type: 'number',
            description: "Upper bound of the median's latency bucket, in ms",
          },
          p95Ms: {
            type: 'number',
          },
          lastSeenAt: {
            type: 'string',
            format: 'date-time',
          },
          inApprovedScope: {
            type: 'boolean',
          },
        },
      },
      ModelActivity: {
        type: 'object',
        required: [
          'model',
          'calls',
          'inputTokens',
          'outputTokens',
          'costUsd',
          'lastDay',
        ],
        properties: {
          model: {
            type: 'string',
          },
          tier: {
            type: 'string',
          },
          calls: {
            type: 'integer',
            description: 'Model calls in the window',
          },
          inputTokens: {
            type: 'integer',
            description: 'Summed over those calls',
          },
          outputTokens: {
            type: 'integer',
          },
          costUsd: {
            type: 'number',
            description: 'USD, as the enforcement layer priced the calls',
          },
          lastDay: {
            type: 'string',
          },
        },
      },
      SourceStatus: {
        type: 'object',
        required: ['id', 'kind', 'consecutiveFailures', 'stale'],
        properties: {
          id: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          lastDataAt: {
            type: 'string',
            format: 'date-time',
          },
          lastSuccessAt: {
            type: 'string',
            format: 'date-time',
          },
          lastAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          lastError: {
            type: 'string',
          },
          consecutiveFailures: {
            type: 'integer',
          },
          nextAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          stale: {
            type: 'boolean',
          },
          staleReason: {
            type: 'string',
          },
        },
      },
      AgentActivity: {
        type: 'object',
        required: ['from', 'to', 'daily', 'tools', 'models', 'sources'],
        properties: {
          from: {
            type: 'string',
            format: 'date-time',
          },
          to: {
            type: 'string',
            format: 'date-time',
          },
          daily: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DailyActivity',
            },
          },
          tools: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ToolActivity',
            },
          },
          models: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelActivity',
            },
          },
          sources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SourceStatus',
            },
          },
          lastActivityAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      AgentMaturity: {
        type: 'object',
        required: ['score', 'evaluatedAt', 'checks'],
        properties: {
          score: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MaturityCheck',
            },
          },
        },
      },
      MaturityControlId: {
        type: 'string',
        description:
          'The twelve production controls of the maturity checklist.',
        enum: [
          'unique-identity',
          'no-shared-identity',
          'registered-owner-purpose',
          'tool-manifest',
          'gateway-enforcement',
          'short-lived-grants',
          'baseline',
          'audit-trail',
          'anomaly-response',
          'approved-scope',
          'review-cadence',
          'decommission-criteria',
        ],
      },
      MaturityCheck: {
        type: 'object',
        description: 'One control of the checklist, evaluated from real data.',
        required: ['id', 'title', 'passed', 'evidence'],
        properties: {
          id: {
            $ref: '#/components/schemas/MaturityControlId',
          },
          title: {
            type: 'string',
          },
          passed: {
            type: 'boolean',
          },
          evidence: {
            type: 'string',
            description: 'What was looked at, in words a reviewer can verify.',
          },
        },
      },
      Grant: {
        type: 'object',
        required: [
          'id',
          'tool',
          'issuedAt',
          'active',
          'standing',
          'inApprovedScope',
        ],
        properties: {
          id: {
            type: 'string',
          },
          tool: {
            type: 'string',
          },
          scope: {
            type: 'string',
          },
          issuedAt: {
            type: 'string',
            format: 'date-time',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          revokedAt: {
            type: 'string',
            format: 'date-time',
          },
          onBehalfOf: {
            type: 'string',
          },
          active: {
            type: 'boolean',
          },
          standing: {
            type: 'boolean',
            description:
              'Lives longer than agents.telemetry.standingGrantAfter (or never expires)',
          },
          inApprovedScope: {
            type: 'boolean',
          },
        },
      },
      EnforcementStatus: {
        type: 'object',
        description:
          'Installed enforcement-layer providers and telemetry sources.',
        required: ['providers', 'sources'],
        properties: {
          providers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'status'],
              properties: {
                id: {
                  type: 'string',
                },
                status: {
                  type: 'string',
                  enum: ['ok', 'degraded', 'down'],
                },
                message: {
                  type: 'string',
                },
                lastDataAt: {
                  type: 'string',
                  format: 'date-time',
                },
              },
            },
          },
          sources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SourceStatus',
            },
          },
        },
      },
      EstateSummary: {
        type: 'object',
        description: "Counts behind the estate view's tiles.",
        required: [
          'total',
          'byState',
          'overdueReviews',
          'findingsByType',
          'agentsByDataClass',
        ],
        properties: {
          total: {
            type: 'integer',
          },
          byState: {
            type: 'object',
            description:
              'Agents per lifecycle state; a state no agent is in is left out.',
            additionalProperties: false,
            properties: {
              proposed: {
                type: 'integer',
              },
              active: {
                type: 'integer',
              },
              suspended: {
                type: 'integer',
              },
              decommissioning: {
                type: 'integer',
              },
              retired: {
                type: 'integer',
              },
            },
          },
          overdueReviews: {
            type: 'integer',
          },
          findingsByType: {
            type: 'object',
            description: 'Open findings by type.',
            additionalProperties: {
              type: 'integer',
            },
          },
          agentsByDataClass: {
            type: 'object',
            description: 'Agents (not retired) that may reach each data class.',
            additionalProperties: {
              type: 'integer',
            },
          },
        },
      },
      ChainVerification: {
        type: 'object',
        description:
          'Result of walking the audit chain and holding it against its signed checkpoints (docs/audit.md).',
        required: ['ok', 'checked', 'checkpoints'],
        properties: {
          ok: {
            type: 'boolean',
          },
          checked: {
            type: 'integer',
            description: 'Records that checked out before the first break.',
          },
          firstBrokenSeq: {
            type: 'integer',
            description:
              'The first record that is missing, out of place or changed.',
          },
          reason: {
            type: 'string',
            description: 'What is wrong, when not ok.',
          },
          checkpoints: {
            type: 'object',
            description:
              'The signed checkpoints of the chain head stored so far.',
            required: ['checked'],
            properties: {
              checked: {
                type: 'integer',
                description:
                  'Checkpoints whose signature verified against the JWKS.',
              },
              latest: {
                type: 'object',
                description: 'The latest of them, which the chain must reach.',
                required: ['seq', 'hash', 'time', 'kid'],
                properties: {
                  seq: {
                    type: 'integer',
                    description: 'Records the trail had.',
                  },
                  hash: {
                    type: 'string',
                    description: 'The hash of record seq.',
                  },
                  time: {
                    type: 'string',
                    format: 'date-time',
                  },
                  kid: {
                    type: 'string',
                    description: 'The key that signed it.',
                  },
                },
              },
            },
          },
        },
      },
      Page: {
        type: 'object',
        description:
          'Where a page of results sits in the whole list; each list adds its items.',
        required: ['totalCount', 'limit', 'offset'],
        properties: {
          totalCount: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
        },
      },
      AgentState: {
        type: 'string',
        enum: ['proposed', 'active', 'suspended', 'decommissioning', 'retired'],
      },
      RequestType: {
        type: 'string',
        enum: [
          'commission',
          'scope-change',
          'owner-transfer',
          'decommission',
          'suspend',
          'resume',
        ],
      },
      RequestStatus: {
        type: 'string',
        description:
          'pending: awaits a decision; awaiting-evidence: approved, waiting for the enforcement layer to report no active grants; applied; rejected.',
        enum: ['pending', 'awaiting-evidence', 'applied', 'rejected'],
      },
      ReviewStatus: {
        type: 'string',
        description: "Where an agent's review stands.",
        enum: ['not-due', 'due', 'overdue', 'none'],
      },
      FindingSeverity: {
        type: 'string',
        enum: ['low', 'medium', 'high', 'critical'],
      },
      ModelTier: {
        type: 'string',
        enum: ['frontier', 'standard', 'small'],
      },
      ToolAccess: {
        type: 'string',
        enum: ['read', 'write', 'destructive'],
      },
      Tool: {
        type: 'object',
        required: ['name', 'access'],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          api: {
            type: 'string',
          },
          access: {
            $ref: '#/components/schemas/ToolAccess',
          },
          dataClasses: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          approval: {
            type: 'string',
            enum: ['none', 'human'],
          },
          constraints: {
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      Scope: {
        type: 'object',
        required: ['dataClasses', 'tools'],
        properties: {
          dataClasses: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          tools: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Tool',
            },
          },
        },
      },
      ApprovedScope: {
        allOf: [
          {
            $ref: '#/components/schemas/Scope',
          },
          {
            type: 'object',
            required: ['version', 'approvedAt', 'approvedBy'],
            properties: {
              version: {
                type: 'integer',
              },
              approvedAt: {
                type: 'string',
                format: 'date-time',
              },
              approvedBy: {
                type: 'string',
              },
              requestId: {
                type: 'string',
              },
              reason: {
                type: 'string',
              },
            },
          },
        ],
      },
      ScopeChange: {
        description:
          'One difference between two scopes, from the point of view of the newer one.',
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'tool', 'access'],
            properties: {
              kind: {
                type: 'string',
                enum: ['tool-added'],
              },
              tool: {
                type: 'string',
              },
              access: {
                $ref: '#/components/schemas/ToolAccess',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'tool'],
            properties: {
              kind: {
                type: 'string',
                enum: ['tool-removed'],
              },
              tool: {
                type: 'string',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'tool', 'from', 'to'],
            properties: {
              kind: {
                type: 'string',
                enum: ['access-raised', 'access-lowered'],
              },
              tool: {
                type: 'string',
              },
              from: {
                $ref: '#/components/schemas/ToolAccess',
              },
              to: {
                $ref: '#/components/schemas/ToolAccess',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'tool'],
            properties: {
              kind: {
                type: 'string',
                enum: [
                  'approval-removed',
                  'approval-added',
                  'constraints-changed',
                ],
              },
              tool: {
                type: 'string',
              },
            },
          },
          {
            type: 'object',
            required: ['kind', 'dataClass'],
            properties: {
              kind: {
                type: 'string',
                enum: ['data-class-added', 'data-class-removed'],
              },
              dataClass: {
                type: 'string',
              },
              tool: {
                type: 'string',
                description:
                  "The tool the data class is declared on; absent for the agent's own data classes.",
              },
            },
          },
        ],
      },
      Drift: {
        type: 'object',
        required: ['notApproved', 'notDeclared'],
        properties: {
          notApproved: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScopeChange',
            },
          },
          notDeclared: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScopeChange',
            },
          },
          ownerDiffers: {
            type: 'object',
            description:
              'The YAML owner when it differs from the governance owner (after a transfer).',
            required: ['declared', 'governance'],
            properties: {
              declared: {
                type: 'string',
              },
              governance: {
                type: 'string',
              },
            },
          },
        },
      },
      AgentSummary: {
        type: 'object',
        required: [
          'entityRef',
          'name',
          'namespace',
          'ownerRef',
          'state',
          'inCatalog',
          'dataClasses',
          'reviewStatus',
          'reviewOverdueDays',
          'openRequests',
          'openFindings',
          'openFindingsBySeverity',
          'stateChangedAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
          },
          sponsorRef: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/AgentState',
          },
          inCatalog: {
            type: 'boolean',
          },
          modelTier: {
            $ref: '#/components/schemas/ModelTier',
          },
          highestAccess: {
            $ref: '#/components/schemas/ToolAccess',
          },
          dataClasses: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          reviewStatus: {
            $ref: '#/components/schemas/ReviewStatus',
          },
          reviewDueAt: {
            type: 'string',
            format: 'date-time',
          },
          reviewOverdueDays: {
            type: 'integer',
          },
          openRequests: {
            type: 'integer',
          },
          openFindings: {
            type: 'integer',
          },
          openFindingsBySeverity: {
            type: 'object',
            required: ['critical', 'high', 'medium', 'low'],
            properties: {
              critical: {
                type: 'integer',
              },
              high: {
                type: 'integer',
              },
              medium: {
                type: 'integer',
              },
              low: {
                type: 'integer',
              },
            },
          },
          maturityScore: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          lastActivityAt: {
            type: 'string',
            format: 'date-time',
          },
          commissionedAt: {
            type: 'string',
            format: 'date-time',
          },
          stateChangedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      Request: {
        type: 'object',
        required: [
          'id',
          'agentRef',
          'type',
          'status',
          'requesterRef',
          'reason',
          'payload',
          'createdAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          type: {
            $ref: '#/components/schemas/RequestType',
          },
          status: {
            $ref: '#/components/schemas/RequestStatus',
          },
          requesterRef: {
            type: 'string',
          },
          assigneeRef: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          payload: {
            type: 'object',
            additionalProperties: true,
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScopeChange',
            },
          },
          decision: {
            type: 'string',
            enum: ['approve', 'reject'],
          },
          deciderRef: {
            type: 'string',
          },
          decisionReason: {
            type: 'string',
          },
          evidence: {
            type: 'object',
            additionalProperties: true,
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          appliedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ReviewToolUsage: {
        type: 'object',
        required: [
          'tool',
          'access',
          'dataClasses',
          'calls',
          'denials',
          'grantsIssued',
          'recommendation',
          'usageKnown',
        ],
        properties: {
          tool: {
            type: 'string',
          },
          access: {
            $ref: '#/components/schemas/ToolAccess',
          },
          dataClasses: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          calls: {
            type: 'integer',
          },
          denials: {
            type: 'integer',
          },
          lastUsedAt: {
            type: 'string',
            format: 'date-time',
          },
          grantsIssued: {
            type: 'integer',
          },
          recommendation: {
            type: 'string',
            enum: ['keep', 'revoke'],
          },
          usageKnown: {
            type: 'boolean',
          },
        },
      },
      Review: {
        type: 'object',
        required: [
          'id',
          'agentRef',
          'status',
          'dueAt',
          'openedAt',
          'periodStart',
          'periodEnd',
          'escalationLevel',
        ],
        properties: {
          id: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['open', 'completed', 'cancelled'],
          },
          dueAt: {
            type: 'string',
            format: 'date-time',
          },
          openedAt: {
            type: 'string',
            format: 'date-time',
          },
          periodStart: {
            type: 'string',
            format: 'date-time',
          },
          periodEnd: {
            type: 'string',
            format: 'date-time',
          },
          escalationLevel: {
            type: 'integer',
          },
          completedAt: {
            type: 'string',
            format: 'date-time',
          },
          completedBy: {
            type: 'string',
          },
          attestation: {
            type: 'string',
          },
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['tool', 'decision'],
              properties: {
                tool: {
                  type: 'string',
                },
                decision: {
                  type: 'string',
                  enum: ['keep', 'revoke'],
                },
              },
            },
          },
          tools: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ReviewToolUsage',
            },
          },
        },
      },
      CallApprovalStatus: {
        type: 'string',
        enum: ['pending', 'approved', 'denied', 'expired'],
      },
      CallApproval: {
        type: 'object',
        description:
          'A tool call an enforcement point holds until a person decides it.',
        required: [
          'id',
          'agentRef',
          'identity',
          'tool',
          'argumentsSummary',
          'why',
          'requestedBy',
          'requestedAt',
          'expiresAt',
          'status',
        ],
        properties: {
          id: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          identity: {
            type: 'string',
          },
          tool: {
            type: 'string',
          },
          argumentsSummary: {
            type: 'string',
            description:
              'What the call would do, as the gateway summarised it (secrets redacted).',
          },
          why: {
            type: 'string',
            description: 'Why the call needs a person.',
          },
          onBehalfOf: {
            type: 'string',
            description: 'The person the agent acts for.',
          },
          grant: {
            type: 'object',
            description: 'The short-lived grant the call would open.',
            additionalProperties: false,
            required: ['tool', 'ttlSeconds'],
            properties: {
              tool: {
                type: 'string',
              },
              scope: {
                type: 'string',
              },
              ttlSeconds: {
                type: 'integer',
                minimum: 1,
                maximum: 86400,
              },
            },
          },
          requestedBy: {
            type: 'string',
            description:
              'The enforcement point that filed it, such as service:external:agent-gateway.',
          },
          requestedAt: {
            type: 'string',
            format: 'date-time',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            $ref: '#/components/schemas/CallApprovalStatus',
          },
          decidedBy: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          decisionReason: {
            type: 'string',
          },
        },
      },
      NewCallApproval: {
        type: 'object',
        additionalProperties: false,
        required: ['agentRef', 'identity', 'tool', 'argumentsSummary', 'why'],
        properties: {
          agentRef: {
            type: 'string',
            maxLength: 255,
            description:
              'The agent whose call waits, as its certificate names it.',
          },
          identity: {
            type: 'string',
            maxLength: 512,
            description:
              "The identity the agent presented; must be the agent's.",
          },
          tool: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          argumentsSummary: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          why: {
            type: 'string',
            minLength: 3,
            maxLength: 500,
          },
          onBehalfOf: {
            type: 'string',
            maxLength: 255,
          },
          grant: {
            type: 'object',
            additionalProperties: false,
            required: ['tool', 'ttlSeconds'],
            properties: {
              tool: {
                type: 'string',
                maxLength: 255,
              },
              scope: {
                type: 'string',
                maxLength: 255,
              },
              ttlSeconds: {
                type: 'integer',
                minimum: 1,
                maximum: 86400,
              },
            },
          },
          expiresInSeconds: {
            type: 'integer',
            minimum: 30,
            maximum: 3600,
            description:
              'How long the call may wait; agents.approvals.expiresAfter by default (10 minutes).',
          },
        },
      },
      Finding: {
        type: 'object',
        required: [
          'id',
          'subject',
          'type',
          'severity',
          'status',
          'message',
          'firstSeenAt',
          'lastSeenAt',
          'evidence',
        ],
        properties: {
          id: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          subject: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          severity: {
            $ref: '#/components/schemas/FindingSeverity',
          },
          status: {
            type: 'string',
            enum: ['open', 'resolved'],
          },
          message: {
            type: 'string',
          },
          firstSeenAt: {
            type: 'string',
            format: 'date-time',
          },
          lastSeenAt: {
            type: 'string',
            format: 'date-time',
          },
          evidence: {
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      AuditEvent: {
        type: 'object',
        required: [
          'seq',
          'id',
          'actorRef',
          'action',
          'occurredAt',
          'data',
          'prevHash',
          'hash',
        ],
        properties: {
          seq: {
            type: 'integer',
          },
          id: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          actorRef: {
            type: 'string',
          },
          action: {
            type: 'string',
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
          },
          data: {
            type: 'object',
            additionalProperties: true,
          },
          prevHash: {
            type: 'string',
          },
          hash: {
            type: 'string',
          },
          hashVersion: {
            type: 'integer',
            description:
              'The algorithm of hash (docs/audit.md): 1 when absent (records written before version 2), 2 for RFC 8785 JSON.',
          },
        },
      },
      AgentDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/AgentSummary',
          },
          {
            type: 'object',
            required: [
              'identityId',
              'declaredScope',
              'approvedVersions',
              'drift',
              'requests',
              'findings',
              'enforcement',
            ],
            properties: {
              identityId: {
                type: 'string',
              },
              declaredScope: {
                $ref: '#/components/schemas/Scope',
              },
              approvedScope: {
                $ref: '#/components/schemas/ApprovedScope',
              },
              approvedVersions: {
                type: 'integer',
              },
              drift: {
                $ref: '#/components/schemas/Drift',
              },
              openReview: {
                $ref: '#/components/schemas/Review',
              },
              lastReviewCompletedAt: {
                type: 'string',
                format: 'date-time',
              },
              requests: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Request',
                },
              },
              findings: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Finding',
                },
              },
              enforcement: {
                type: 'object',
                required: ['providers'],
                properties: {
                  providers: {
                    type: 'array',
                    items: {
                      type: 'string',
                    },
                  },
                  note: {
                    type: 'string',
                  },
                },
              },
              maturity: {
                $ref: '#/components/schemas/AgentMaturity',
              },
            },
          },
        ],
      },
      PolicyTool: {
        type: 'object',
        required: [
          'name',
          'access',
          'approval',
          'requiresApproval',
          'dataClasses',
          'constraints',
        ],
        properties: {
          name: {
            type: 'string',
          },
          api: {
            type: 'string',
            description:
              'The API entity (for example an MCP server) that serves the tool, when declared.',
          },
          access: {
            $ref: '#/components/schemas/ToolAccess',
          },
          approval: {
            type: 'string',
            enum: ['none', 'human'],
          },
          requiresApproval: {
            type: 'boolean',
            description:
              'True for destructive tools and tools with approval human; the gateway needs a per-call approval.',
          },
          dataClasses: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          constraints: {
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      EffectivePolicy: {
        type: 'object',
        description:
          "An agent's approved scope as the enforcement layer loads it. Only active agents are allow-listed; every other agent is deny-all with no tools. `hash` is sha256 over the canonical JSON (sorted keys, no whitespace) of every other field.",
        required: [
          'apiVersion',
          'kind',
          'agent',
          'effect',
          'model',
          'budgets',
          'tools',
          'approvedScopeVersion',
          'hash',
        ],
        properties: {
          apiVersion: {
            type: 'string',
            enum: ['mandate.dev/policy/v1'],
          },
          kind: {
            type: 'string',
            enum: ['AgentPolicy'],
          },
          agent: {
            type: 'object',
            required: ['ref', 'identity', 'state'],
            properties: {
              ref: {
                type: 'string',
              },
              identity: {
                type: 'string',
              },
              state: {
                $ref: '#/components/schemas/AgentState',
              },
            },
          },
          effect: {
            type: 'string',
            enum: ['allow-listed', 'deny-all'],
          },
          reason: {
            type: 'string',
            description:
              'Why everything is denied; only on deny-all documents.',
          },
          model: {
            type: 'object',
            properties: {
              provider: {
                type: 'string',
              },
              name: {
                type: 'string',
              },
              tier: {
                $ref: '#/components/schemas/ModelTier',
              },
            },
          },
          budgets: {
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          tools: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyTool',
            },
          },
          approvedScopeVersion: {
            type: 'integer',
            nullable: true,
            description:
              'The approved scope version the tools come from; null when none applies.',
          },
          hash: {
            type: 'string',
            pattern: '^sha256:[0-9a-f]{64}$',
          },
        },
      },
      PolicyBundle: {
        type: 'object',
        description:
          'The effective policies of many agents, with a hash over their hashes.',
        required: ['apiVersion', 'kind', 'policies', 'hash'],
        properties: {
          apiVersion: {
            type: 'string',
            enum: ['mandate.dev/policy/v1'],
          },
          kind: {
            type: 'string',
            enum: ['PolicyBundle'],
          },
          policies: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EffectivePolicy',
            },
          },
          hash: {
            type: 'string',
            pattern: '^sha256:[0-9a-f]{64}$',
          },
        },
      },
      CertificateClaims: {
        type: 'object',
        required: [
          'iss',
          'sub',
          'iat',
          'exp',
          'jti',
          'agentRef',
          'model',
          'tools',
          'policyHash',
          'budgets',
          'review',
        ],
        properties: {
          iss: {
            type: 'string',
          },
          sub: {
            type: 'string',
            description: "The agent's identity id.",
          },
          iat: {
            type: 'integer',
          },
          exp: {
            type: 'integer',
          },
          jti: {
            type: 'string',
          },
          agentRef: {
            type: 'string',
          },
          model: {
            type: 'object',
            additionalProperties: true,
          },
          tools: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'access', 'approval'],
              properties: {
                name: {
                  type: 'string',
                },
                access: {
                  $ref: '#/components/schemas/ToolAccess',
                },
                approval: {
                  type: 'string',
                  enum: ['none', 'human'],
                },
              },
            },
          },
          policyHash: {
            type: 'string',
          },
          budgets: {
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          review: {
            type: 'object',
            required: ['overdue'],
            properties: {
              dueAt: {
                type: 'string',
                format: 'date-time',
              },
              overdue: {
                type: 'boolean',
              },
            },
          },
          maturityScore: {
            type: 'number',
          },
        },
      },
    },
  },
  security: [
    {},
    {
      JWT: [],
    },
  ],
  paths: {
    '/v1/agents': {
      get: {
        operationId: 'ListAgents',
        description:
          "The agent estate with each agent's governance summary. Callers see the agents the policy lets them read (owners their own, security all).",
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/AgentState',
            },
          },
          {
            name: 'owner',
            in: 'query',
            required: false,
            allowReserved: true,
            description:
              'Entity ref of the owning group or user, for example group:default/platform.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'reviewStatus',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/ReviewStatus',
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            description: 'Matches name, title or identity.',
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            $ref: '#/components/parameters/modelTier',
          },
          {
            $ref: '#/components/parameters/highestAccess',
          },
          {
            $ref: '#/components/parameters/dataClass',
          },
          {
            $ref: '#/components/parameters/findingSeverity',
          },
          {
            $ref: '#/components/parameters/maturityBelow',
          },
          {
            $ref: '#/components/parameters/agentOrderBy',
          },
          {
            name: 'order',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
              default: 'asc',
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'A page of agents.',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    {
                      $ref: '#/components/schemas/Page',
                    },
                    {
                      type: 'object',
                      required: ['items'],
                      properties: {
                        items: {
                          type: 'array',
                          items: {
                            $ref: '#/components/schemas/AgentSummary',
                          },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/export.csv': {
      get: {
        operationId: 'ExportAgentsCsv',
        description:
          'The estate list as CSV with the same filters and order as /v1/agents, without paging.',
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/AgentState',
            },
          },
          {
            name: 'owner',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'reviewStatus',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/ReviewStatus',
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            $ref: '#/components/parameters/modelTier',
          },
          {
            $ref: '#/components/parameters/highestAccess',
          },
          {
            $ref: '#/components/parameters/dataClass',
          },
          {
            $ref: '#/components/parameters/findingSeverity',
          },
          {
            $ref: '#/components/parameters/maturityBelow',
          },
          {
            $ref: '#/components/parameters/agentOrderBy',
          },
          {
            name: 'order',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'CSV, one agent a row.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/estate/summary': {
      get: {
        operationId: 'EstateSummary',
        description:
          'Counts for the estate view over the agents the caller may see; agents by state, overdue reviews, open findings by type, agents per data class.',
        responses: {
          '200': {
            description: 'The counts.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EstateSummary',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}': {
      get: {
        operationId: 'GetAgent',
        description:
          "One agent's governance record, approved scope and drift between its YAML and the approved scope.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The agent.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AgentDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/scopes': {
      get: {
        operationId: 'ListApprovedScopes',
        description:
          "Every approved version of the agent's scope, newest first.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The versions.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ApprovedScope',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/reviews': {
      get: {
        operationId: 'ListAgentReviews',
        description:
          "The agent's open review (with per-tool usage in the period) and its past reviews, newest first.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The reviews.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Review',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/audit': {
      get: {
        operationId: 'ListAgentAudit',
        description: "The agent's audit events, newest first.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'The events.',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    {
                      $ref: '#/components/schemas/Page',
                    },
                    {
                      type: 'object',
                      required: ['items'],
                      properties: {
                        items: {
                          type: 'array',
                          items: {
                            $ref: '#/components/schemas/AuditEvent',
                          },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/policy': {
      get: {
        operationId: 'GetAgentPolicy',
        description:
          "The agent's effective policy for the enforcement layer, as JSON or as Cedar. The ETag is the policy hash. Readable by whoever may read the agent, and by services (a gateway's external-access token).",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/policyFormat',
          },
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
        ],
        responses: {
          '200': {
            description: 'The policy.',
            headers: {
              ETag: {
                schema: {
                  type: 'string',
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EffectivePolicy',
                },
              },
              'text/plain': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '304': {
            description: 'Unchanged since the ETag in If-None-Match.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/policies': {
      get: {
        operationId: 'GetPolicyBundle',
        description:
          'The effective policies of every agent the caller may read that is past `proposed` (suspended, decommissioning and retired agents as deny-all), with a hash over the member hashes as ETag. Gateways poll it with If-None-Match.',
        parameters: [
          {
            $ref: '#/components/parameters/policyFormat',
          },
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
        ],
        responses: {
          '200': {
            description: 'The bundle.',
            headers: {
              ETag: {
                schema: {
                  type: 'string',
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyBundle',
                },
              },
              'text/plain': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '304': {
            description: 'Unchanged since the ETag in If-None-Match.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/certificate': {
      post: {
        operationId: 'IssueBehaviourCertificate',
        description:
          'Signs a behaviour certificate (JWT, ES256, typ mandate-behaviour-certificate+jwt) for an active agent whose review is not overdue; 409 otherwise, saying why. Verify it with the keys at /v1/certificates/jwks.json.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '201': {
            description: 'The certificate.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['certificate', 'expiresAt', 'claims'],
                  properties: {
                    certificate: {
                      type: 'string',
                    },
                    expiresAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    claims: {
                      $ref: '#/components/schemas/CertificateClaims',
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/certificates/jwks.json': {
      get: {
        operationId: 'GetCertificateKeys',
        description:
          'The public keys (JWKS) behaviour certificates are signed with; no token needed.',
        security: [{}],
        responses: {
          '200': {
            description: 'The key set.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['keys'],
                  properties: {
                    keys: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: true,
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/requests': {
      get: {
        operationId: 'ListRequests',
        description:
          "Requests, newest first. `assignedToMe` lists what waits for the caller's decision.",
        parameters: [
          {
            name: 'agentRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/RequestStatus',
            },
          },
          {
            name: 'assignedToMe',
            in: 'query',
            required: false,
            schema: {
              type: 'boolean',
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'The requests.',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    {
                      $ref: '#/components/schemas/Page',
                    },
                    {
                      type: 'object',
                      required: ['items'],
                      properties: {
                        items: {
                          type: 'array',
                          items: {
                            $ref: '#/components/schemas/Request',
                          },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateRequest',
        description:
          'File a request. commission: payload.entity is the Agent entity (optional when the agent is already in the catalog). scope-change: payload.scope is the whole new scope (dataClasses and tools); reductions apply at once, expansions wait for security. owner-transfer: payload.newOwner; the new owner accepts. decommission: payload.attestation is required when no enforcement layer is installed. suspend and resume: security only, applied at once.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['agentRef', 'type', 'reason'],
                properties: {
                  agentRef: {
                    type: 'string',
                    minLength: 1,
                    description: 'agent:<namespace>/<name>',
                  },
                  type: {
                    $ref: '#/components/schemas/RequestType',
                  },
                  reason: {
                    type: 'string',
                    minLength: 3,
                    maxLength: 2000,
                  },
                  idempotencyKey: {
                    type: 'string',
                    maxLength: 200,
                    description:
                      'Repeating a request with the same key returns the first one instead of filing a second.',
                  },
                  payload: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      entity: {
                        type: 'object',
                        additionalProperties: true,
                      },
                      scope: {
                        $ref: '#/components/schemas/Scope',
                      },
                      newOwner: {
                        type: 'string',
                      },
                      attestation: {
                        type: 'string',
                        minLength: 10,
                        maxLength: 2000,
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'The request filed earlier with the same idempotency key.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Request',
                },
              },
            },
          },
          '201': {
            description:
              'The request as filed (and applied, where no decision was needed).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Request',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/requests/{id}': {
      get: {
        operationId: 'GetRequest',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Request',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/requests/{id}/decision': {
      post: {
        operationId: 'DecideRequest',
        description:
          'Approve or reject a pending request. Security decides; the new owner accepts an owner transfer.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['decision', 'reason'],
                properties: {
                  decision: {
                    type: 'string',
                    enum: ['approve', 'reject'],
                  },
                  reason: {
                    type: 'string',
                    minLength: 3,
                    maxLength: 2000,
                  },
                  newOwner: {
                    type: 'string',
                    description:
                      'For an owner transfer raised for an orphaned agent, the owner security assigns.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The decided request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Request',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/approvals': {
      get: {
        operationId: 'ListCallApprovals',
        description:
          'Per-call approvals of the agents the caller may read, newest first.',
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/CallApprovalStatus',
            },
          },
          {
            name: 'agentRef',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'One page of approvals.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'totalCount'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/CallApproval',
                      },
                    },
                    totalCount: {
                      type: 'integer',
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'FileCallApproval',
        description:
          'An enforcement point (a service token with agents.call.request) holds a tool call for a person to approve. Owner, sponsor and security are notified.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/NewCallApproval',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The approval, pending.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CallApproval',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/approvals/{id}': {
      get: {
        operationId: 'GetCallApproval',
        description:
          'One approval. With waitSeconds the answer waits (up to that long) while the approval is pending, so a gateway learns the decision without polling.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              maxLength: 36,
            },
          },
          {
            name: 'waitSeconds',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 60,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The approval.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CallApproval',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/approvals/{id}/decision': {
      post: {
        operationId: 'DecideCallApproval',
        description:
          "Approve or deny a pending call. The agent's owner, its sponsor and security decide; the person the call acts for does not.",
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              maxLength: 36,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['decision', 'reason'],
                properties: {
                  decision: {
                    type: 'string',
                    enum: ['approve', 'deny'],
                  },
                  reason: {
                    type: 'string',
                    minLength: 3,
                    maxLength: 1000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The decided approval.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CallApproval',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/reviews/mine': {
      get: {
        operationId: 'ListMyReviews',
        description:
          "Open reviews of the agents the caller owns, and requests waiting for the caller's decision.",
        responses: {
          '200': {
            description: 'What waits for the caller.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['reviews', 'requests'],
                  properties: {
                    reviews: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Review',
                      },
                    },
                    requests: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Request',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/reviews/{id}/submission': {
      post: {
        operationId: 'SubmitReview',
        description:
          'Complete an open review with a keep or revoke decision for every tool and an attestation. Revocations apply at once as a scope reduction. A review is submitted once; a second submission gets 409.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['decisions', 'attestation'],
                properties: {
                  decisions: {
                    type: 'array',
                    items: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['tool', 'decision'],
                      properties: {
                        tool: {
                          type: 'string',
                          minLength: 1,
                        },
                        decision: {
                          type: 'string',
                          enum: ['keep', 'revoke'],
                        },
                      },
                    },
                  },
                  attestation: {
                    type: 'string',
                    minLength: 10,
                    maxLength: 2000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The completed review.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Review',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/findings': {
      get: {
        operationId: 'ListFindings',
        description:
          'Findings across the estate (or for one agent), most severe and most recent first.',
        parameters: [
          {
            name: 'agentRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'type',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'severity',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/FindingSeverity',
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['open', 'resolved'],
              default: 'open',
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'The findings.',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    {
                      $ref: '#/components/schemas/Page',
                    },
                    {
                      type: 'object',
                      required: ['items'],
                      properties: {
                        items: {
                          type: 'array',
                          items: {
                            $ref: '#/components/schemas/Finding',
                          },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/findings/{id}/resolution': {
      post: {
        operationId: 'ResolveFinding',
        description:
          'Security closes a finding after looking into it, with a reason that goes on the audit trail. A finding whose condition still holds opens again at the next detection.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              maxLength: 36,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['reason'],
                properties: {
                  reason: {
                    type: 'string',
                    minLength: 3,
                    maxLength: 1000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The resolved finding.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Finding',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/activity': {
      get: {
        operationId: 'GetAgentActivity',
        description:
          'What the enforcement layer saw the agent do in a window (default the last 30 days): calls, denials, errors, tokens and cost per day; per tool with latency and last use; the models that answered; and whether the data is current.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'from',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The activity.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AgentActivity',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/grants': {
      get: {
        operationId: 'ListAgentGrants',
        description:
          'Credential grants the enforcement layer reported for the agent, newest first.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The grants.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Grant',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/agents/{namespace}/{name}/maturity': {
      get: {
        operationId: 'GetAgentMaturity',
        description:
          "The twelve production controls evaluated from the agent's records and telemetry, each with its evidence, and the score (share of controls passed, 0–100).",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The checklist.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AgentMaturity',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/enforcement/status': {
      get: {
        operationId: 'GetEnforcementStatus',
        description:
          'Installed enforcement-layer providers and telemetry sources, with staleness.',
        responses: {
          '200': {
            description: 'The status.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnforcementStatus',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/audit/verify': {
      get: {
        operationId: 'VerifyAuditChain',
        description:
          'Walks the whole audit trail and reports the first broken link, or a record that differs from a signed checkpoint, or records missing after the latest checkpoint.',
        responses: {
          '200': {
            description: 'The verification result.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChainVerification',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/audit/export': {
      get: {
        operationId: 'ExportAudit',
        description:
          'The audit trail as JSON lines: one event per line, oldest first, optionally for one agent; then the signed checkpoints of the chain head, one `{"checkpoint": "<JWS>"}` per line, the last for the head the export was cut at (docs/audit.md).',
        parameters: [
          {
            name: 'agentRef',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'JSON lines.',
            content: {
              'application/x-ndjson': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/portal/agents': {
      post: {
        operationId: 'PublishPortalAgent',
        description:
          "Demo publishing without an SCM (agents.portalPublishing.enabled): stores the agent's catalog-info.yaml and returns the URL to register in the catalog. The caller must be allowed to file requests for the agent's owner.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['entity'],
                properties: {
                  entity: {
                    type: 'object',
                    additionalProperties: true,
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Published.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['entityRef', 'catalogInfoUrl'],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    catalogInfoUrl: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/portal/agents/{namespace}/{name}/catalog-info.yaml': {
      get: {
        operationId: 'ReadPortalAgent',
        description:
          "The published catalog-info.yaml, readable without a token so the catalog's URL reader can fetch it.",
        security: [{}],
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The YAML.',
            content: {
              'application/yaml': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;
