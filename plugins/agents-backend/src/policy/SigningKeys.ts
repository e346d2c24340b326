import {
  JWK,
  KeyLike,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
} from 'jose';
import { SigningKeysStore } from '../database/SigningKeysStore';

/** Behaviour certificates are signed with ECDSA over P-256. */
export const CERTIFICATE_ALG = 'ES256';

/** The key that signs, and the public half that verifiers fetch. */
export type SigningKey = { kid: string; privateKey: KeyLike; publicJwk: JWK };

/** Where the signing key comes from. */
export interface SigningKeys {
  /** The key new certificates are signed with. */
  current(): Promise<SigningKey>;
  /** Every public key a certificate may have been signed with, for the JWKS. */
  publicKeys(): Promise<JWK[]>;
}

/** The public JWK of a private one, with its kid: the RFC 7638 thumbprint. */
async function publicJwkOf(privateJwk: JWK): Promise<JWK> {
  const { kty, crv, x, y } = privateJwk;
  const bare = { kty, crv, x, y };
  const kid = await calculateJwkThumbprint(bare);
  return { ...bare, kid, alg: CERTIFICATE_ALG, use: 'sig' };
}

/** The key from `agents.certificates.privateKey` (PEM, PKCS#8, EC P-256). */
export class ConfiguredSigningKey implements SigningKeys {
  private constructor(private readonly key: SigningKey) {}

  static async fromPem(pem: string): Promise<ConfiguredSigningKey> {
    const fix =
      'give a PKCS#8 PEM EC P-256 key, for example from `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`';
    let privateKey: KeyLike;
    let privateJwk: JWK;
    try {
      privateKey = await importPKCS8(pem.trim(), CERTIFICATE_ALG, {
        extractable: true,
      });
      privateJwk = await exportJWK(privateKey);
    } catch (error) {
      throw new Error(
        `agents.certificates.privateKey could not be read (${
          (error as Error).message
        }); ${fix}`,
      );
    }
    if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256') {
      throw new Error(
        `agents.certificates.privateKey is a ${privateJwk.kty} ${
          privateJwk.crv ?? ''
        } key, but certificates are signed with ES256; ${fix}`,
      );
    }
    const publicJwk = await publicJwkOf(privateJwk);
    return new ConfiguredSigningKey({
      kid: publicJwk.kid!,
      privateKey,
      publicJwk,
    });
  }

  async current() {
    return this.key;
  }

  async publicKeys() {
    return [this.key.publicJwk];
  }
}

/**
 * A key generated on first use and kept in the `signing_keys` table, so every replica and
 * every restart signs with the same key. If two replicas generate one at the same moment,
 * both keys stay in the JWKS, so certificates signed with either still verify.
 */
export class DatabaseSigningKeys implements SigningKeys {
  private loading?: Promise<SigningKey>;

  constructor(
    private readonly store: SigningKeysStore,
    private readonly clock: () => Date,
  ) {}

  current(): Promise<SigningKey> {
    this.loading ??= this.load().catch(error => {
      this.loading = undefined; // let the next call try again
      throw error;
    });
    return this.loading;
  }

  async publicKeys(): Promise<JWK[]> {
    await this.current();
    const keys = await this.store.publicKeys();
    return keys.map(key => JSON.parse(key));
  }

  private oldest() {
    return this.store.oldest(CERTIFICATE_ALG);
  }

  private async load(): Promise<SigningKey> {
    let row = await this.oldest();
    if (!row) {
      await this.generate();
      row = (await this.oldest())!;
    }
    const privateJwk = JSON.parse(row.privateJwk) as JWK;
    return {
      kid: row.kid,
      privateKey: (await importJWK(privateJwk, CERTIFICATE_ALG)) as KeyLike,
      publicJwk: JSON.parse(row.publicJwk),
    };
  }

  private async generate() {
    const { privateKey } = await generateKeyPair(CERTIFICATE_ALG, {
      extractable: true,
    });
    const privateJwk = await exportJWK(privateKey);
    const publicJwk = await publicJwkOf(privateJwk);
    await this.store.insert({
      kid: publicJwk.kid!,
      alg: CERTIFICATE_ALG,
      privateJwk: JSON.stringify(privateJwk),
      publicJwk: JSON.stringify(publicJwk),
      createdAt: this.clock().toISOString(),
    });
  }
}
