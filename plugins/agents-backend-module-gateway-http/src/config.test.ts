import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readGatewayConfigs } from './config';

function read(http: JsonValue) {
  return readGatewayConfigs(
    new ConfigReader({ agents: { gateways: { http } } }),
  );
}

describe('readGatewayConfigs', () => {
  it('reads each gateway with defaults for what is left out', () => {
    expect(
      read([
        {
          id: 'main',
          baseUrl: 'https://gateway.example.com/',
          token: 's3cret',
          frequency: '30s',
          timeout: { seconds: 5 },
          pageSize: 1000,
        },
        { id: 'eu-2', baseUrl: 'http://10.0.0.7:8080/prefix' },
      ]),
    ).toEqual([
      {
        id: 'main',
        baseUrl: 'https://gateway.example.com',
        token: 's3cret',
        frequency: { seconds: 30 },
        timeoutMs: 5000,
        pageSize: 1000,
      },
      {
        id: 'eu-2',
        baseUrl: 'http://10.0.0.7:8080/prefix',
        token: undefined,
        frequency: undefined,
        timeoutMs: 10000,
        pageSize: 500,
      },
    ]);
  });

  it('has no gateways when none are configured', () => {
    expect(readGatewayConfigs(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      [{ baseUrl: 'https://g.example.com' }],
      'agents.gateways.http[0].id is missing; set it to a non-empty string',
    ],
    [
      [{ id: 'Main GW', baseUrl: 'https://g.example.com' }],
      'agents.gateways.http[0].id: "Main GW" is not a valid id; use lowercase letters, digits and dashes, such as "main"',
    ],
    [
      [
        { id: 'main', baseUrl: 'https://a.example.com' },
        { id: 'main', baseUrl: 'https://b.example.com' },
      ],
      'agents.gateways.http[1].id: "main" is used by an earlier gateway; give each gateway its own id',
    ],
    [[{ id: 'main' }], 'agents.gateways.http[0].baseUrl is missing'],
    [
      [{ id: 'main', baseUrl: 'gateway.example.com' }],
      'agents.gateways.http[0].baseUrl: "gateway.example.com" is not a URL; set it to where the gateway serves /mandate/v1',
    ],
    [
      [{ id: 'main', baseUrl: 'ftp://gateway.example.com' }],
      'must use http or https',
    ],
    [
      [{ id: 'main', baseUrl: 'https://gateway.example.com?token=abc' }],
      'agents.gateways.http[0].baseUrl must not hold credentials, a query or a fragment; pass the secret in agents.gateways.http[0].token',
    ],
    [
      [{ id: 'main', baseUrl: 'https://g.example.com', token: '' }],
      'agents.gateways.http[0].token must be a non-empty string',
    ],
    [
      [{ id: 'main', baseUrl: 'https://g.example.com', timeout: 'soon' }],
      'agents.gateways.http[0].timeout is not a duration',
    ],
    [
      [{ id: 'main', baseUrl: 'https://g.example.com', frequency: '0s' }],
      'agents.gateways.http[0].frequency must be longer than zero',
    ],
    [
      [{ id: 'main', baseUrl: 'https://g.example.com', pageSize: 0 }],
      'agents.gateways.http[0].pageSize: 0 is not allowed; use a whole number from 1 to 5000',
    ],
  ] as Array<[JsonValue, string]>)(
    'rejects %j naming the key and the fix',
    (http, message) => {
      expect(() => read(http)).toThrow(message);
    },
  );
});
