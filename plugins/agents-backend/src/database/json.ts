/** JSON stored in text columns. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

/**
 * What a scan of JSON text for surrogate escapes stops at, left to right: an escaped
 * backslash (skipped, so that `\\ud800` stays text), a pair (kept), or a lone surrogate.
 */
const SURROGATE_ESCAPES =
  /\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;

/**
 * JSON text whose strings are all well-formed: lone surrogates (which RFC 8785, PostgreSQL's
 * json and UTF-8 refuse) become U+FFFD. Text decoded from UTF-8 can hold them only escaped.
 */
export function wellFormedJson(text: string): string {
  if (!text.includes('\\ud') && !text.includes('\\uD')) return text;
  return text.replace(SURROGATE_ESCAPES, escape =>
    escape.length === 6 ? '\\ufffd' : escape,
  );
}

/** JSON text of `value` that any JSON parser and database takes (see wellFormedJson). */
export const jsonText = (value: unknown): string =>
  wellFormedJson(JSON.stringify(value));

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** Drops undefined and null fields so API objects carry only what is known. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as T;
}
