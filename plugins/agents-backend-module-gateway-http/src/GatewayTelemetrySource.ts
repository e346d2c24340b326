import { HumanDuration } from '@backstage/types';
import { TelemetryPage, TelemetrySource } from '@mandate/plugin-agents-node';
import { GatewayConfig } from './config';
import { readTelemetryResponse } from './contract';
import { GatewayClient } from './GatewayClient';

/**
 * Pulls one page of `GET /mandate/v1/telemetry` per call. The agents backend schedules the
 * pulls, keeps the cursor, backs off on errors and stores what comes back.
 */
export class GatewayTelemetrySource implements TelemetrySource {
  readonly id: string;
  readonly frequency?: HumanDuration;

  constructor(
    private readonly gateway: GatewayConfig,
    private readonly client: GatewayClient,
  ) {
    this.id = `gateway-http:${gateway.id}`;
    this.frequency = gateway.frequency;
  }

  async pull(options: {
    cursor?: string;
    signal?: AbortSignal;
  }): Promise<TelemetryPage> {
    const page = await this.client.get(
      '/mandate/v1/telemetry',
      { cursor: options.cursor, limit: String(this.gateway.pageSize) },
      readTelemetryResponse,
      options.signal,
    );
    return {
      events: page.events,
      grants: page.grants,
      // A page without nextCursor has nothing new to point at: pull from the same place.
      cursor: page.nextCursor ?? options.cursor,
      hasMore: page.hasMore,
    };
  }
}
