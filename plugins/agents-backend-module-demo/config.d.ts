export interface Config {
  agents?: {
    /** Mandate's demo module (`@mandate/plugin-agents-backend-module-demo`). Never in production. */
    demo?: {
      /**
       * Seed a plausible governance history for the example estate on a fresh database:
       * commissions, reviews, revocations, a suspension, a retirement.
       */
      seedHistory?: boolean;
      /**
       * Path of an enforcement-layer traffic sample (examples/telemetry) to load once,
       * shifted to end today.
       */
      telemetrySample?: string;
      /** Run even with NODE_ENV=production (benchmarks of the production build only). */
      dangerouslyAllowOutsideDevelopment?: boolean;
    };
  };
}
