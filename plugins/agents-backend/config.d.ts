import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Mandate governance backend (`@mandate/plugin-agents-backend`). */
  agents?: {
    /**
     * The group whose members approve commissions and scope expansions, suspend, resume and
     * receive escalations. Default group:default/security.
     */
    securityGroup?: string;
    reviews?: {
      /** IANA time zone that review due dates are counted in (month ends, DST). Default UTC. */
      zone?: string;
      /** ISO-8601 duration before the due date that a review opens. Default P14D. */
      openBefore?: string;
      /** Overdue by this long: escalate to the sponsor; twice as long: to security. Default P7D. */
      escalateAfter?: string;
      /** Overdue by this long: suspend the agent. Unset: never suspend automatically. */
      autoSuspendAfter?: string;
      /** How often the review task runs. Default 15 minutes. */
      frequency?: HumanDuration;
    };
    approvals?: {
      /**
       * How long a tool call held for a person's approval waits before it expires and the
       * gateway refuses it (ISO-8601 duration). Default PT10M.
       */
      expiresAfter?: string;
    };
    catalogSync?: {
      /**
       * Read agents from the catalog (new agents, YAML changes, orphaned owners). Default
       * true; turn it off only where something else owns the agents, such as the estate-view
       * benchmark's seeded database.
       */
      enabled?: boolean;
      /** How often agents are read from the catalog. Default 1 minute. */
      frequency?: HumanDuration;
    };
    /** Behaviour certificates (POST /v1/agents/{namespace}/{name}/certificate). */
    certificates?: {
      /**
       * PKCS#8 PEM of the EC P-256 key that signs certificates (ES256). Unset: a key is
       * generated once and kept in the database, shared by every replica.
       * @visibility secret
       */
      privateKey?: string;
      /** The `iss` claim. Default: the agents plugin's external base URL. */
      issuer?: string;
      /** ISO-8601 lifetime of a certificate, capped at the agent's review due date. Default PT24H. */
      lifetime?: string;
    };
    portalPublishing?: {
      /**
       * Demo publishing without an SCM: the scaffolder stores catalog-info.yaml in Mandate
       * and registers its URL. Published YAML is readable without a token. Off by default.
       */
      enabled?: boolean;
    };
    otlp?: {
      /** The OTLP/HTTP trace receiver at /api/agents/otlp/v1/traces. Default true. */
      enabled?: boolean;
      /** Largest accepted request body, after gzip inflation, in bytes. Default 4 MiB. */
      maxBodySize?: number;
      /**
       * Worker threads that decode and read request bodies, so that a flood of spans does
       * not hold up the backend's event loop. 0 reads them on the event loop. Default: one
       * fewer than the machine's cores, at most 4.
       */
      readerThreads?: number;
    };
    telemetry?: {
      /** How long raw events are kept (ISO-8601 duration); daily rollups stay. Default P7D. */
      rawRetention?: string;
      /**
       * How long the key of each counted span is kept, so that a retried delivery counts
       * once (ISO-8601 duration, at least rawRetention). Spans that started earlier are
       * refused. Default P90D.
       */
      duplicateWindow?: string;
      /** A source without data for this long is reported stale. Default PT1H. */
      staleAfter?: string;
      /** A grant that lives longer than this is a standing grant. Default PT24H. */
      standingGrantAfter?: string;
      /** How spans are attributed to the agent that acted (docs/telemetry.md). */
      attribution?: {
        /**
         * How long a span waits for the ancestor span that names its agent (children are
         * exported before their parents). Default PT10M; longer than your longest agent run.
         */
        holdFor?: string | HumanDuration;
        /**
         * gen_ai.operation.name values that also mean a model call, for frameworks with
         * their own names (for example call_llm).
         */
        modelOperations?: string[];
        /**
         * For gateways that know the caller by its credential: the first rule whose
         * attribute the span (or its resource) carries gives the agent identity.
         */
        rules?: Array<{
          /** Only spans from this source: otlp, or a pull source's id. */
          source?: string;
          /** The attribute to read, such as jwt.sub, src.identity, enduser.id, service.name. */
          attribute: string;
          /** Exact values and the agent identity each stands for. */
          map?: { [value: string]: string };
          /** A regular expression the value must match; its groups fill $1, $2 in identity. */
          pattern?: string;
          /** The identity; $0 is the whole value. Default $0. */
          identity?: string;
        }>;
      };
    };
    findings?: {
      /** Standing grants of an agent without calls for this many days are findings. Default 30. */
      idleDays?: number;
      /** How often findings and maturity are recomputed for the whole estate. Default 15 minutes. */
      frequency?: HumanDuration;
    };
    /** The audit trail (docs/audit.md). */
    audit?: {
      /**
       * How often the chain head is signed as a checkpoint when it moved, with the
       * certificates' key, and recorded through Backstage's auditor. Default 15 minutes.
       */
      checkpointFrequency?: HumanDuration;
    };
  };
}
