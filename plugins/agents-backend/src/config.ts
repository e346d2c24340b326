import { Config, readDurationFromConfig } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { HumanDuration } from '@backstage/types';
import { DateTime, Duration } from 'luxon';
import { availableParallelism } from 'node:os';
import { MappingRule } from './telemetry/attribution/mappingRules';

/** agents.otlp.readerThreads by default: the cores the event loop leaves, at most 4. */
export const DEFAULT_READER_THREADS = Math.min(4, availableParallelism() - 1);

/** Every `agents.*` setting of the backend plugin, read and checked once at startup. */
export interface AgentsConfig {
  /** The group that approves, suspends and receives escalations. */
  securityGroupRef: string;
  reviews: {
    zone: string;
    openBefore: Duration;
    escalateAfter: Duration;
    autoSuspendAfter?: Duration;
    frequency: Duration;
  };
  catalogSync: { enabled: boolean; frequency: Duration };
  certificates: { privateKey?: string; issuer?: string; lifetime: Duration };
  portalPublishing: { enabled: boolean };
  otlp: { enabled: boolean; maxBodyBytes: number; readerThreads: number };
  telemetry: {
    rawRetention: Duration;
    duplicateWindow: Duration;
    staleAfter: Duration;
    standingGrantAfter: Duration;
    attribution: {
      holdFor: Duration;
      modelOperations: string[];
      rules: MappingRule[];
    };
  };
  findings: { idleDays: number; frequency: Duration };
  audit: { checkpointFrequency: Duration };
  approvals: { expiresAfter: Duration };
}

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A setting that failed its check: the message names the key and the fix. */
export class AgentsConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`agents.${key}: ${problem}`);
    this.name = 'AgentsConfigError';
  }
}

/**
 * Reads every `agents.*` key. Durations may be written as ISO-8601 (`P14D`), as a short
 * string (`14d`) or as an object (`{ days: 14 }`); all are read by one reader. A bad value
 * fails the start, naming the key.
 */
export function readAgentsConfig(root: Config): AgentsConfig {
  const config = root.getOptionalConfig('agents');
  const read = readerOf(config);
  const telemetry = {
    rawRetention: read.duration('telemetry.rawRetention', { days: 7 }),
    duplicateWindow: read.duration('telemetry.duplicateWindow', { days: 90 }),
    staleAfter: read.duration('telemetry.staleAfter', { hours: 1 }),
    standingGrantAfter: read.duration('telemetry.standingGrantAfter', {
      hours: 24,
    }),
    attribution: {
      holdFor: read.duration('telemetry.attribution.holdFor', { minutes: 10 }),
      modelOperations: read.strings('telemetry.attribution.modelOperations'),
      rules: readMappingRules(config),
    },
  };
  if (
    telemetry.duplicateWindow.toMillis() < telemetry.rawRetention.toMillis()
  ) {
    throw new AgentsConfigError(
      'telemetry.duplicateWindow',
      `${telemetry.duplicateWindow.toISO()} is shorter than agents.telemetry.rawRetention (${telemetry.rawRetention.toISO()}); lengthen the window or shorten the retention`,
    );
  }
  return {
    securityGroupRef: read.groupRef('securityGroup', 'group:default/security'),
    reviews: {
      zone: read.zone('reviews.zone', 'utc'),
      openBefore: read.duration('reviews.openBefore', { days: 14 }),
      escalateAfter: read.duration('reviews.escalateAfter', { days: 7 }),
      autoSuspendAfter: read.optionalDuration('reviews.autoSuspendAfter'),
      frequency: read.duration('reviews.frequency', { minutes: 15 }),
    },
    catalogSync: {
      enabled: read.boolean('catalogSync.enabled', true),
      frequency: read.duration('catalogSync.frequency', { minutes: 1 }),
    },
    certificates: {
      privateKey: read.optionalString('certificates.privateKey'),
      issuer: read.optionalString('certificates.issuer'),
      lifetime: read.duration('certificates.lifetime', { hours: 24 }),
    },
    portalPublishing: {
      enabled: read.boolean('portalPublishing.enabled', false),
    },
    otlp: {
      enabled: read.boolean('otlp.enabled', true),
      maxBodyBytes: read.positiveInteger(
        'otlp.maxBodySize',
        DEFAULT_MAX_BODY_BYTES,
      ),
      readerThreads: read.wholeNumber(
        'otlp.readerThreads',
        DEFAULT_READER_THREADS,
      ),
    },
    telemetry,
    findings: {
      idleDays: read.positiveInteger('findings.idleDays', 30),
      frequency: read.duration('findings.frequency', { minutes: 15 }),
    },
    audit: {
      checkpointFrequency: read.duration('audit.checkpointFrequency', {
        minutes: 15,
      }),
    },
    approvals: {
      expiresAfter: read.duration('approvals.expiresAfter', { minutes: 10 }),
    },
  };
}

/** `agents.telemetry.attribution.rules`: each names an attribute and how it maps. */
function readMappingRules(config: Config | undefined): MappingRule[] {
  const key = 'telemetry.attribution.rules';
  const rules = config?.getOptionalConfigArray(key) ?? [];
  return rules.map((rule, i) => {
    const at = `${key}[${i}]`;
    const text = (field: string) => {
      try {
        return rule.getOptionalString(field);
      } catch (error) {
        throw new AgentsConfigError(`${at}.${field}`, String(error));
      }
    };
    const attribute = text('attribute');
    if (!attribute) {
      throw new AgentsConfigError(
        `${at}.attribute`,
        'is required; name the span or resource attribute that identifies the caller, such as jwt.sub',
      );
    }
    const patternText = text('pattern');
    let pattern: RegExp | undefined;
    if (patternText) {
      try {
        pattern = new RegExp(patternText);
      } catch (error) {
        throw new AgentsConfigError(
          `${at}.pattern`,
          `is not a regular expression: ${(error as Error).message}`,
        );
      }
    }
    const mapConfig = rule.getOptionalConfig('map');
    const map = mapConfig
      ? Object.fromEntries(
          mapConfig.keys().map(value => [value, mapConfig.getString(value)]),
        )
      : undefined;
    if (map && (pattern || text('identity'))) {
      throw new AgentsConfigError(
        at,
        'gives both map and pattern/identity; use map for exact values, or pattern with identity',
      );
    }
    return {
      attribute,
      ...(text('source') ? { source: text('source') } : {}),
      ...(map ? { map } : {}),
      ...(pattern ? { pattern } : {}),
      ...(text('identity') ? { identity: text('identity') } : {}),
    };
  });
}

function readerOf(config: Config | undefined) {
  /** Runs a Backstage config getter, naming the key when the value has the wrong type. */
  const get = <T>(key: string, getter: (c: Config) => T): T => {
    try {
      return getter(config!);
    } catch (error) {
      throw new AgentsConfigError(key, String((error as Error).message));
    }
  };
  const has = (key: string) => config?.has(key) ?? false;

  const optionalDuration = (key: string): Duration | undefined => {
    if (!has(key)) return undefined;
    let human: HumanDuration;
    try {
      human = readDurationFromConfig(config!, { key });
    } catch (error) {
      throw new AgentsConfigError(
        key,
        `${
          (error as Error).message
        }; write a duration such as P14D, 14d or { days: 14 }`,
      );
    }
    const duration = Duration.fromObject(human);
    if (!duration.isValid || duration.toMillis() <= 0) {
      throw new AgentsConfigError(
        key,
        'must be a positive duration, such as P14D, 14d or { days: 14 }',
      );
    }
    return duration;
  };

  const wholeNumber = (key: string, fallback: number, least: 0 | 1) => {
    if (!has(key)) return fallback;
    const value = get(key, c => c.getNumber(key));
    if (!Number.isInteger(value) || value < least) {
      throw new AgentsConfigError(
        key,
        `must be a ${
          least === 1 ? 'positive whole number' : 'whole number, 0 or more'
        }; got ${value}`,
      );
    }
    return value;
  };

  return {
    optionalDuration,
    duration: (key: string, fallback: HumanDuration): Duration =>
      optionalDuration(key) ?? Duration.fromObject(fallback),
    optionalString: (key: string) =>
      has(key) ? get(key, c => c.getString(key)) : undefined,
    strings: (key: string) =>
      has(key) ? get(key, c => c.getStringArray(key)) : [],
    boolean: (key: string, fallback: boolean) =>
      has(key) ? get(key, c => c.getBoolean(key)) : fallback,
    positiveInteger: (key: string, fallback: number) =>
      wholeNumber(key, fallback, 1),
    wholeNumber: (key: string, fallback: number) =>
      wholeNumber(key, fallback, 0),
    zone: (key: string, fallback: string) => {
      const zone = has(key) ? get(key, c => c.getString(key)) : fallback;
      if (!DateTime.fromMillis(0).setZone(zone).isValid) {
        throw new AgentsConfigError(
          key,
          `"${zone}" is not a time zone; use an IANA name such as Europe/Berlin`,
        );
      }
      return zone;
    },
    groupRef: (key: string, fallback: string) => {
      const text = has(key) ? get(key, c => c.getString(key)) : fallback;
      try {
        const ref = parseEntityRef(text, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        });
        if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
          return stringifyEntityRef(ref);
        }
      } catch {
        // reported below
      }
      throw new AgentsConfigError(
        key,
        `"${text}" is not a group ref; write it as group:<namespace>/<name>, such as group:default/security`,
      );
    },
  };
}
