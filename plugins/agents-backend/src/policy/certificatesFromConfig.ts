import { DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import {
  BehaviourCertificates,
  DEFAULT_CERTIFICATE_LIFETIME,
  MaturityScores,
} from './BehaviourCertificates';
import { ConfiguredSigningKey, DatabaseSigningKeys } from './SigningKeys';

/**
 * Behaviour certificates as `agents.certificates` configures them: the signing key from
 * `privateKey` or else the database, the issuer (default: this plugin's external base URL)
 * and the lifetime (ISO-8601, default PT24H). A bad key or lifetime fails at startup.
 */
export async function certificatesFromConfig(options: {
  config: Config;
  knex: Knex;
  discovery: DiscoveryService;
  maturity: MaturityScores;
  clock: () => Date;
}): Promise<BehaviourCertificates> {
  const settings = options.config.getOptionalConfig('agents.certificates');
  const pem = settings?.getOptionalString('privateKey');
  const lifetimeText = settings?.getOptionalString('lifetime');
  const lifetime = lifetimeText
    ? Duration.fromISO(lifetimeText)
    : DEFAULT_CERTIFICATE_LIFETIME;
  if (!lifetime.isValid || lifetime.toMillis() <= 0) {
    throw new Error(
      `agents.certificates.lifetime: "${lifetimeText}" is not a positive ISO-8601 duration; use for example PT24H or PT1H`,
    );
  }
  return new BehaviourCertificates({
    keys: pem
      ? await ConfiguredSigningKey.fromPem(pem)
      : new DatabaseSigningKeys(options.knex, options.clock),
    issuer:
      settings?.getOptionalString('issuer') ??
      (await options.discovery.getExternalBaseUrl('agents')),
    lifetime,
    maturity: options.maturity,
    clock: options.clock,
  });
}
