import { DiscoveryService } from '@backstage/backend-plugin-api';
import { AgentsConfig } from '../config';
import { SigningKeysStore } from '../database/SigningKeysStore';
import { BehaviourCertificates, MaturityScores } from './BehaviourCertificates';
import { ConfiguredSigningKey, DatabaseSigningKeys } from './SigningKeys';

/**
 * Behaviour certificates as `agents.certificates` configures them: the signing key from
 * `privateKey` or else the database, the issuer (default: this plugin's external base URL)
 * and the lifetime. A bad key fails at startup.
 */
export async function certificatesFromConfig(options: {
  config: AgentsConfig['certificates'];
  signingKeys: SigningKeysStore;
  discovery: DiscoveryService;
  maturity: MaturityScores;
  clock: () => Date;
}): Promise<BehaviourCertificates> {
  const { config } = options;
  return new BehaviourCertificates({
    keys: config.privateKey
      ? await ConfiguredSigningKey.fromPem(config.privateKey)
      : new DatabaseSigningKeys(options.signingKeys, options.clock),
    issuer:
      config.issuer ?? (await options.discovery.getExternalBaseUrl('agents')),
    lifetime: config.lifetime,
    maturity: options.maturity,
    clock: options.clock,
  });
}
