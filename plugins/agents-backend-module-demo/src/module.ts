import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  GovernanceHistory,
  agentsClockServiceRef,
  agentsEnforcementExtensionPoint,
  agentsHistoryExtensionPoint,
} from '@mandate/plugin-agents-node';
import { DemoHistory } from './DemoHistory';
import { SampleTelemetrySource } from './SampleTelemetrySource';

/**
 * The demo estate's past: a governance history seeded through Mandate's workflows
 * (`agents.demo.seedHistory`) and a recorded telemetry sample (`agents.demo.telemetrySample`).
 * For demo apps only: with NODE_ENV=production it refuses to start unless
 * `agents.demo.dangerouslyAllowOutsideDevelopment` is set (a benchmark of the production build).
 * @public
 */
export const agentsModuleDemo = createBackendModule({
  pluginId: 'agents',
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        history: agentsHistoryExtensionPoint,
        enforcement: agentsEnforcementExtensionPoint,
        clock: agentsClockServiceRef,
      },
      async init({ config, logger, history, enforcement, clock }) {
        if (
          process.env.NODE_ENV === 'production' &&
          !config.getOptionalBoolean(
            'agents.demo.dangerouslyAllowOutsideDevelopment',
          )
        ) {
          throw new Error(
            'The Mandate demo module invents governance history and telemetry; it refuses to run with NODE_ENV=production. Remove @mandate/plugin-agents-backend-module-demo from production backends.',
          );
        }
        const now = () => clock.now();
        const seedHistory =
          config.getOptionalBoolean('agents.demo.seedHistory') ?? false;
        let historyDone = !seedHistory;
        if (seedHistory) {
          const demo = new DemoHistory({ logger, clock: now });
          history.addImporter({
            id: demo.id,
            importHistory: async (target: GovernanceHistory) => {
              await demo.importHistory(target);
              historyDone = true;
            },
          });
        }
        const samplePath = config.getOptionalString(
          'agents.demo.telemetrySample',
        );
        if (samplePath) {
          enforcement.addTelemetrySource(
            new SampleTelemetrySource({
              samplePath,
              clock: now,
              ready: () => historyDone,
            }),
          );
        }
      },
    });
  },
});
