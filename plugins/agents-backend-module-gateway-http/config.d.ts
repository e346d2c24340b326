import { HumanDuration } from '@backstage/types';

export interface Config {
  agents?: {
    gateways?: {
      /**
       * Gateways that implement Mandate's HTTP pull contract (docs/gateway-http-contract.md):
       * Mandate pulls telemetry and grants from each, lists live grants and pushes
       * suspensions to it.
       */
      http?: Array<{
        /** Short stable name, lowercase letters, digits and dashes; the source is `gateway-http:<id>`. */
        id: string;
        /** Where the gateway serves `/mandate/v1/...`, such as https://gateway.example.com. */
        baseUrl: string;
        /**
         * Sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        token?: string;
        /** How often telemetry is pulled, such as `{ minutes: 1 }` or `30s`. Default 1 minute. */
        frequency?: HumanDuration | string;
        /** How long one request may take before it fails. Default 10 seconds. */
        timeout?: HumanDuration | string;
        /** Events asked for per telemetry page (`limit`), 1 to 5000. Default 500. */
        pageSize?: number;
      }>;
    };
  };
}
