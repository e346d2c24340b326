import { Knex } from 'knex';

/** A signing key as stored: both halves as JWK JSON. */
export interface StoredSigningKey {
  kid: string;
  alg: string;
  privateJwk: string;
  publicJwk: string;
  createdAt: string;
}

type SigningKeyRow = {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
};

/** The keys that sign behaviour certificates, shared by every replica. */
export class SigningKeysStore {
  constructor(private readonly knex: Knex) {}

  /** The oldest key of an algorithm: the one every replica signs with. */
  async oldest(alg: string): Promise<StoredSigningKey | undefined> {
    const row = await this.knex<SigningKeyRow>('signing_keys')
      .where({ alg })
      .orderBy([{ column: 'created_at' }, { column: 'kid' }])
      .first();
    return row
      ? {
          kid: row.kid,
          alg: row.alg,
          privateJwk: row.private_jwk,
          publicJwk: row.public_jwk,
          createdAt: row.created_at,
        }
      : undefined;
  }

  /** Every public key, oldest first (JWK JSON). */
  async publicKeys(): Promise<string[]> {
    return this.knex<SigningKeyRow>('signing_keys')
      .orderBy('created_at')
      .pluck('public_jwk');
  }

  async insert(key: StoredSigningKey): Promise<void> {
    await this.knex<SigningKeyRow>('signing_keys').insert({
      kid: key.kid,
      alg: key.alg,
      private_jwk: key.privateJwk,
      public_jwk: key.publicJwk,
      created_at: key.createdAt,
    });
  }
}
