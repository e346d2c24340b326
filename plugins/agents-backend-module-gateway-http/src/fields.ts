/** A gateway response that breaks the contract; the message names the field. */
export class MalformedResponseError extends Error {}

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads the fields of one JSON object and throws naming `path.field` when one is missing or
 * of the wrong shape. Optional fields may be absent or null.
 */
export class Fields {
  private readonly value: Record<string, unknown>;

  constructor(value: unknown, readonly path: string) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new MalformedResponseError(
        `${path || 'the response body'} must be a JSON object`,
      );
    }
    this.value = value as Record<string, unknown>;
  }

  private at(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  private optional(field: string): unknown {
    const value = this.value[field];
    return value === null ? undefined : value;
  }

  string(field: string): string {
    const value = this.optionalString(field);
    if (value === undefined) {
      throw new MalformedResponseError(`${this.at(field)} is missing`);
    }
    return value;
  }

  optionalString(field: string): string | undefined {
    const value = this.optional(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      throw new MalformedResponseError(
        `${this.at(field)} must be a non-empty string`,
      );
    }
    return value;
  }

  /** An ISO-8601 timestamp with a zone; returned in UTC, as `Date.toISOString` writes it. */
  timestamp(field: string): string {
    const value = this.optionalTimestamp(field);
    if (value === undefined) {
      throw new MalformedResponseError(
        `${this.at(field)} must be an ISO timestamp`,
      );
    }
    return value;
  }

  optionalTimestamp(field: string): string | undefined {
    const value = this.optional(field);
    if (value === undefined) return undefined;
    if (
      typeof value !== 'string' ||
      !ISO_TIMESTAMP.test(value) ||
      Number.isNaN(Date.parse(value))
    ) {
      throw new MalformedResponseError(
        `${this.at(
          field,
        )} must be an ISO timestamp, such as 2025-01-31T09:30:00Z`,
      );
    }
    return new Date(value).toISOString();
  }

  /** A finite number, zero or more. */
  number(field: string): number {
    const value = this.optionalNumber(field);
    if (value === undefined) {
      throw new MalformedResponseError(
        `${this.at(field)} must be a number of zero or more`,
      );
    }
    return value;
  }

  optionalNumber(field: string): number | undefined {
    const value = this.optional(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new MalformedResponseError(
        `${this.at(field)} must be a number of zero or more`,
      );
    }
    return value;
  }

  optionalCount(field: string): number | undefined {
    const value = this.optionalNumber(field);
    if (value !== undefined && !Number.isInteger(value)) {
      throw new MalformedResponseError(
        `${this.at(field)} must be a whole number`,
      );
    }
    return value;
  }

  boolean(field: string): boolean {
    const value = this.value[field];
    if (typeof value !== 'boolean') {
      throw new MalformedResponseError(
        `${this.at(field)} must be true or false`,
      );
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.optionalOneOf(field, allowed);
    if (value === undefined) {
      throw new MalformedResponseError(
        `${this.at(field)} must be one of ${allowed.join(', ')}`,
      );
    }
    return value;
  }

  optionalOneOf<T extends string>(
    field: string,
    allowed: readonly T[],
  ): T | undefined {
    const value = this.optional(field);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      throw new MalformedResponseError(
        `${this.at(field)} must be one of ${allowed.join(
          ', ',
        )}, not ${JSON.stringify(value)}`,
      );
    }
    return value as T;
  }

  /** Each element of an array field, read by `read` with its own path, such as `events[3]`. */
  array<T>(field: string, read: (value: unknown, path: string) => T): T[] {
    const value = this.value[field];
    if (!Array.isArray(value)) {
      throw new MalformedResponseError(`${this.at(field)} must be an array`);
    }
    return value.map((item, index) =>
      read(item, `${this.at(field)}[${index}]`),
    );
  }
}

/** Drops undefined values, so parsed objects hold only the fields the gateway sent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
