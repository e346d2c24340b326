import { components } from '@mandate/plugin-agents-common';
import {
  JSONWebKeySet,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
} from 'jose';

/** What a behaviour certificate states about an agent. @public */
export type CertificateClaims = components['schemas']['CertificateClaims'];

/** The JOSE `typ` of Mandate's behaviour certificates. */
const CERTIFICATE_TYPE = 'mandate-behaviour-certificate+jwt';

/** Why a certificate was refused, in words an agent's builder can act on. @public */
export class CertificateError extends Error {
  name = 'CertificateError';
  constructor(
    message: string,
    readonly code: 'malformed' | 'signature' | 'expired' | 'issuer',
  ) {
    super(message);
  }
}

/**
 * How a {@link CertificateVerifier} finds Mandate's keys and checks a certificate.
 * @public
 */
export interface CertificateVerifierOptions {
  /** Mandate's JWKS: its URL (`…/api/agents/v1/certificates/jwks.json`) or the key set. */
  jwks: string | JSONWebKeySet;
  /** The issuer certificates must name, when set. */
  issuer?: string;
  /** "Now", for expiry; the system clock by default. */
  clock?: () => Date;
  /** The fetch for a remote JWKS. */
  fetch?: typeof fetch;
}

/**
 * Verifies behaviour certificates: an ES256 JWT of type
 * `mandate-behaviour-certificate+jwt`, signed by a key of Mandate's JWKS, not expired.
 * Verified certificates are remembered until they expire, so each call costs a lookup.
 * Whether the certificate still states the agent's current policy is the decision's check.
 * @public
 */
export class CertificateVerifier {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;
  private readonly verified = new Map<string, CertificateClaims>();
  private readonly clock: () => Date;

  constructor(private readonly options: CertificateVerifierOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.keys =
      typeof options.jwks === 'string'
        ? createRemoteJWKSet(new URL(options.jwks), {
            cooldownDuration: 30_000,
          })
        : createLocalJWKSet(options.jwks);
  }

  async verify(certificate: string): Promise<CertificateClaims> {
    const now = this.clock();
    const known = this.verified.get(certificate);
    if (known) {
      if (known.exp * 1000 > now.getTime()) return known;
      this.verified.delete(certificate);
    }
    let claims: CertificateClaims;
    try {
      const { payload } = await jwtVerify(certificate, this.keys, {
        algorithms: ['ES256'],
        typ: CERTIFICATE_TYPE,
        currentDate: now,
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        requiredClaims: ['sub', 'exp', 'agentRef', 'policyHash'],
      });
      claims = payload as unknown as CertificateClaims;
    } catch (error) {
      throw refusal(error);
    }
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(certificate, claims);
    return claims;
  }
}

function refusal(error: unknown): CertificateError {
  if (error instanceof errors.JWTExpired) {
    return new CertificateError(
      'the behaviour certificate has expired; ask Mandate for a new one',
      'expired',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new CertificateError(
      `the behaviour certificate was refused: ${error.message}`,
      error.claim === 'iss' ? 'issuer' : 'malformed',
    );
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    return new CertificateError(
      "the behaviour certificate is not signed by Mandate's keys",
      'signature',
    );
  }
  return new CertificateError(
    `the bearer token is not a behaviour certificate: ${
      (error as Error).message
    }`,
    'malformed',
  );
}
