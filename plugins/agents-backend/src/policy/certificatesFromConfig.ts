import { DiscoveryService } from '@backstage/backend-plugin-api';
import { AgentsConfig } from '../config';
import { SigningKeysStore } from '../database/SigningKeysStore';
import { BehaviourCertificates, MaturityScores } from './BehaviourCertificates';
import {
  ConfiguredSigningKey,
  DatabaseSigningKeys,
  SigningKeys,
} from './SigningKeys';

/**
 * The backend's signing key as `agents.certificates.privateKey` configures it, or else the
 * one generated into the database. It signs behaviour certificates and audit checkpoints,
 * and its public half is the JWKS. A bad key fails at startup.
 */
export async function signingKeysFromConfig(options: {
  config: AgentsConfig['certificates'];
  store: SigningKeysStore;
  clock: () => Date;
}): Promise<SigningKeys> {
  return options.config.privateKey
    ? ConfiguredSigningKey.fromPem(options.config.privateKey)
    : new DatabaseSigningKeys(options.store, options.clock);
}

/**
 * Behaviour certificates as `agents.certificates` configures them: signed with `keys`,
 * the issuer (default: this plugin's external base URL) and the lifetime.
 */
export async function certificatesFromConfig(options: {
  config: AgentsConfig['certificates'];
  keys: SigningKeys;
  discovery: DiscoveryService;
  maturity: MaturityScores;
  clock: () => Date;
}): Promise<BehaviourCertificates> {
  const { config } = options;
  return new BehaviourCertificates({
    keys: options.keys,
    issuer:
      config.issuer ?? (await options.discovery.getExternalBaseUrl('agents')),
    lifetime: config.lifetime,
    maturity: options.maturity,
    clock: options.clock,
  });
}
