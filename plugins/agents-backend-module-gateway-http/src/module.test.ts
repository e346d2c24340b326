import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EnforcementLayerProvider,
  TelemetrySource,
  agentsEnforcementExtensionPoint,
} from '@mandate/plugin-agents-node';
import { FakeGateway } from './__testUtils__/FakeGateway';
import { toolCall } from './__testUtils__/gateways';
import { agentsModuleGatewayHttp } from './module';

describe('agentsModuleGatewayHttp', () => {
  function startWith(config: object) {
    const providers: EnforcementLayerProvider[] = [];
    const sources: TelemetrySource[] = [];
    const backend = startTestBackend({
      extensionPoints: [
        [
          agentsEnforcementExtensionPoint,
          {
            addProvider: p => providers.push(p),
            addTelemetrySource: s => sources.push(s),
          },
        ],
      ],
      features: [
        agentsModuleGatewayHttp,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return { backend, providers, sources };
  }

  it('adds a telemetry source and a provider per configured gateway', async () => {
    const fake = await new FakeGateway().start();
    fake.events = [toolCall(0)];
    const { backend, providers, sources } = startWith({
      agents: {
        gateways: {
          http: [
            { id: 'main', baseUrl: fake.baseUrl, frequency: { seconds: 15 } },
            { id: 'eu', baseUrl: 'https://eu-gateway.example.com' },
          ],
        },
      },
    });
    await (await backend).stop();

    expect(sources.map(s => [s.id, s.frequency])).toEqual([
      ['gateway-http:main', { seconds: 15 }],
      ['gateway-http:eu', undefined],
    ]);
    expect(providers.map(p => p.id)).toEqual([
      'gateway-http:main',
      'gateway-http:eu',
    ]);
    // The registered source talks to the configured gateway.
    expect((await sources[0].pull({})).events).toEqual([toolCall(0)]);
    await fake.stop();
  });

  it('adds nothing when no gateway is configured', async () => {
    const { backend, providers, sources } = startWith({});
    await (await backend).stop();
    expect(providers).toEqual([]);
    expect(sources).toEqual([]);
  });

  it('fails the start on a broken gateway config, naming the key', async () => {
    const { backend } = startWith({
      agents: { gateways: { http: [{ id: 'main', baseUrl: 'not a url' }] } },
    });
    await expect(backend).rejects.toThrow(
      'agents.gateways.http[0].baseUrl: "not a url" is not a URL',
    );
  });
});
