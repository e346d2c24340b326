import canonicalize from 'canonicalize';

/**
 * JSON per RFC 8785 (the JSON Canonicalization Scheme): object members sorted by their
 * names' UTF-16 code units, no whitespace, numbers as ECMAScript prints them, strings
 * escaped as `JSON.stringify` does. Any language with an RFC 8785 library gives the same
 * text, so a hash over it can be checked anywhere. Throws on what JSON cannot hold (NaN,
 * Infinity, lone surrogates, a bare `undefined`).
 * @public
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new TypeError(`${String(value)} has no JSON form`);
  }
  return text;
}

/**
 * The key order of audit records of hash version 1, kept only to check them: keys sorted,
 * but then laid out as a JavaScript object orders them, so integer-like keys ("9", "10")
 * come first in numeric order. docs/audit.md describes it for other languages.
 */
export function legacyCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}
