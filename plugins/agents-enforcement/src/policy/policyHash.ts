import { canonicalJson } from '@mandate/plugin-agents-common';
import { createHash } from 'node:crypto';

/**
 * `sha256:` and the hex SHA-256 of the canonical JSON (RFC 8785) of `value`: how Mandate
 * hashes its policy documents and bundles.
 */
export function contentHash(value: unknown): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(value))
    .digest('hex')}`;
}
