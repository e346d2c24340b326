import { mockServices } from '@backstage/backend-test-utils';
import { SecurityGroupWatch } from './SecurityGroupWatch';

const SECURITY = 'group:default/security';

function watch() {
  const logger = mockServices.logger.mock();
  return {
    logger,
    watch: new SecurityGroupWatch({ securityGroupRef: SECURITY, logger }),
  };
}

describe('SecurityGroupWatch', () => {
  it('warns once when two catalog syncs in a row miss the security group', () => {
    const { logger, watch: w } = watch();
    // The first sync after startup may run before the catalog ingested the group.
    w.observe(new Set());
    expect(logger.warn).not.toHaveBeenCalled();
    w.observe(new Set(['group:default/guests', 'user:default/guest']));
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^agents\.securityGroup group:default\/security is not in the catalog: .* Add the group .* or set agents\.securityGroup/,
      ),
    );
    w.observe(new Set(['group:default/guests']));
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('stays quiet while the group is in the catalog, and says when a missing one appears', () => {
    const { logger, watch: w } = watch();
    w.observe(new Set([SECURITY]));
    w.observe(new Set([SECURITY]));
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();

    w.observe(new Set());
    w.observe(new Set());
    expect(logger.warn).toHaveBeenCalledTimes(1);
    w.observe(new Set([SECURITY]));
    expect(logger.info).toHaveBeenCalledWith(
      'agents.securityGroup group:default/security is in the catalog now; requests waiting for security are assigned to it',
    );
    // Missing again later: a new warning.
    w.observe(new Set());
    w.observe(new Set());
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('does not warn for a group that was missing only once', () => {
    const { logger, watch: w } = watch();
    w.observe(new Set());
    w.observe(new Set([SECURITY]));
    w.observe(new Set());
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
