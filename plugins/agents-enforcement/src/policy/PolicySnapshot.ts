import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { components } from '@mandate/plugin-agents-common';
import { contentHash } from './policyHash';

/** An agent's effective policy, as Mandate serves it. @public */
export type EffectivePolicy = components['schemas']['EffectivePolicy'];
/** The policies of many agents, with a hash over their hashes. @public */
export type PolicyBundle = components['schemas']['PolicyBundle'];
/** One tool an agent may call. @public */
export type PolicyTool = components['schemas']['PolicyTool'];

/** A policy document or bundle whose content does not match its hash. @public */
export class PolicyIntegrityError extends Error {
  name = 'PolicyIntegrityError';
}

function verifyBundle(bundle: PolicyBundle) {
  if (
    bundle?.apiVersion !== 'mandate.dev/policy/v1' ||
    bundle.kind !== 'PolicyBundle'
  ) {
    throw new PolicyIntegrityError(
      'the policy bundle is not a mandate.dev/policy/v1 PolicyBundle',
    );
  }
  for (const policy of bundle.policies) {
    const { hash, ...content } = policy;
    if (contentHash(content) !== hash) {
      throw new PolicyIntegrityError(
        `the policy of ${policy.agent?.ref} does not match its hash ${hash}`,
      );
    }
  }
  const members = bundle.policies.map(p => p.hash);
  const expected = contentHash({
    apiVersion: bundle.apiVersion,
    kind: 'PolicyBundle',
    members,
  });
  if (expected !== bundle.hash) {
    throw new PolicyIntegrityError(
      `the policy bundle does not match its hash ${bundle.hash}`,
    );
  }
}

/** Cedar policies by their `@id`, as Mandate writes them (`<agent ref>/<tool>`). */
function cedarPoliciesById(text: string): Record<string, string> {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success') {
    throw new PolicyIntegrityError(
      `the Cedar policies could not be read: ${parts.errors
        .map(e => e.message)
        .join('; ')}`,
    );
  }
  const byId: Record<string, string> = {};
  parts.policies.forEach((policy, index) => {
    const json = cedar.policyToJson(policy);
    const id =
      json.type === 'success' && json.json.annotations?.id
        ? String(json.json.annotations.id)
        : `policy${index}`;
    byId[id] = policy;
  });
  return byId;
}

/**
 * One verified copy of Mandate's policies: the JSON bundle (every document's hash and the
 * bundle's hash checked) and its Cedar form, which must name only those documents' hashes.
 * @public
 */
export class PolicySnapshot {
  private readonly byIdentity = new Map<string, EffectivePolicy[]>();

  private constructor(
    readonly bundle: PolicyBundle,
    /** Cedar policies by their `@id`, for the decision. */
    readonly cedarPolicies: Record<string, string>,
  ) {
    for (const policy of bundle.policies) {
      const list = this.byIdentity.get(policy.agent.identity) ?? [];
      list.push(policy);
      this.byIdentity.set(policy.agent.identity, list);
    }
  }

  /** Verifies the bundle and its Cedar text, or throws a PolicyIntegrityError. */
  static from(bundle: PolicyBundle, cedarText: string): PolicySnapshot {
    verifyBundle(bundle);
    const known = new Set(bundle.policies.map(p => p.hash));
    for (const [, hash] of cedarText.matchAll(/@policyHash\("([^"]*)"\)/g)) {
      if (!known.has(hash)) {
        throw new PolicyIntegrityError(
          `the Cedar policies name a policy hash (${hash}) that the bundle does not hold`,
        );
      }
    }
    return new PolicySnapshot(bundle, cedarPoliciesById(cedarText));
  }

  get hash(): string {
    return this.bundle.hash;
  }

  /**
   * The policies that govern an identity: normally one. Agents sharing an identity (a
   * finding in Mandate) are all listed; a decision needs every one of them to allow.
   */
  policiesOf(identity: string): EffectivePolicy[] {
    return this.byIdentity.get(identity) ?? [];
  }
}
