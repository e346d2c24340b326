import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';

/** One gateway from `agents.gateways.http`, validated. */
export interface GatewayConfig {
  id: string;
  /** Without a trailing slash. */
  baseUrl: string;
  token?: string;
  frequency?: HumanDuration;
  timeoutMs: number;
  pageSize: number;
}

const KEY = 'agents.gateways.http';
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 5000;

/**
 * Reads and checks every configured gateway; throws at startup with the key and the fix, so
 * that a typo does not turn into a source that silently never pulls.
 */
export function readGatewayConfigs(config: Config): GatewayConfig[] {
  const entries = config.getOptionalConfigArray(KEY) ?? [];
  const gateways = entries.map((entry, index) =>
    readGateway(entry, `${KEY}[${index}]`),
  );
  const seen = new Set<string>();
  gateways.forEach((gateway, index) => {
    if (seen.has(gateway.id)) {
      throw new Error(
        `${KEY}[${index}].id: "${gateway.id}" is used by an earlier gateway; give each gateway its own id`,
      );
    }
    seen.add(gateway.id);
  });
  return gateways;
}

function readGateway(entry: Config, key: string): GatewayConfig {
  const id = requiredString(entry, 'id', key);
  if (!ID_PATTERN.test(id)) {
    throw new Error(
      `${key}.id: "${id}" is not a valid id; use lowercase letters, digits and dashes, such as "main"`,
    );
  }
  return {
    id,
    baseUrl: readBaseUrl(entry, key),
    token: readToken(entry, key),
    frequency: readDuration(entry, 'frequency', key),
    timeoutMs: durationMs(readDuration(entry, 'timeout', key)),
    pageSize: readPageSize(entry, key),
  };
}

function requiredString(entry: Config, field: string, key: string): string {
  const value = entry.getOptional(field);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${key}.${field} is missing; set it to a non-empty string`);
  }
  return value.trim();
}

function readBaseUrl(entry: Config, key: string): string {
  const value = requiredString(entry, 'baseUrl', key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `${key}.baseUrl: "${value}" is not a URL; set it to where the gateway serves /mandate/v1, such as https://gateway.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `${key}.baseUrl: "${value}" must use http or https, such as https://gateway.example.com`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `${key}.baseUrl must not hold credentials, a query or a fragment; pass the secret in ${key}.token`,
    );
  }
  return value.replace(/\/+$/, '');
}

function readToken(entry: Config, key: string): string | undefined {
  const value = entry.getOptional('token');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(
      `${key}.token must be a non-empty string; remove it if the gateway needs no token`,
    );
  }
  return value.trim();
}

function readDuration(
  entry: Config,
  field: string,
  key: string,
): HumanDuration | undefined {
  if (entry.getOptional(field) === undefined) return undefined;
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(entry, { key: field });
  } catch (error) {
    throw new Error(
      `${key}.${field} is not a duration (${
        (error as Error).message
      }); use such as { seconds: 30 }, "30s" or "PT30S"`,
    );
  }
  if (durationToMilliseconds(duration) <= 0) {
    throw new Error(`${key}.${field} must be longer than zero`);
  }
  return duration;
}

function durationMs(duration: HumanDuration | undefined): number {
  return duration ? durationToMilliseconds(duration) : DEFAULT_TIMEOUT_MS;
}

function readPageSize(entry: Config, key: string): number {
  const value = entry.getOptional('pageSize');
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_PAGE_SIZE
  ) {
    throw new Error(
      `${key}.pageSize: ${JSON.stringify(
        value,
      )} is not allowed; use a whole number from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return value;
}
