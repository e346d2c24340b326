import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { AgentsClient } from '@mandate/plugin-agents-common';

/** Builds a client of the agents backend that acts on behalf of the template's user. */
export type AgentsApiFactory = (
  onBehalfOf: BackstageCredentials,
) => AgentsClient;

export function agentsApiFactory(
  discovery: DiscoveryService,
  auth: AuthService,
): AgentsApiFactory {
  return onBehalfOf =>
    new AgentsClient({
      discoveryApi: discovery,
      fetchApi: {
        fetch: async (input, init) => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf,
            targetPluginId: 'agents',
          });
          // The client passes a Request, whose own headers (Content-Type) must stay.
          const request = new Request(input, init);
          request.headers.set('Authorization', `Bearer ${token}`);
          return fetch(request);
        },
      },
    });
}
