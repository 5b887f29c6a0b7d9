// @keyway/connect, mocked: every createConnect call is kept with its options and a fake instance
// whose methods are vi.fn()s the test programs. Each test file mocks the module with
//   vi.mock('@keyway/connect', () => import('./fakeSdkModule'));
// The real SDK runs in clients/e2e, in Chromium.
import { vi } from 'vitest';
import { createConnect, KeywayError } from '@keyway/connect';
import type { KeywayEvent, Connector, ConnectResult } from '../src/sdk';

export interface FakeInstance {
  options: { sessionToken: string; baseUrl: string; mode?: string; container?: HTMLElement; onEvent?: (e: KeywayEvent) => void };
  open: ReturnType<typeof vi.fn>;
  listConnectors: ReturnType<typeof vi.fn>;
  submitCredentials: ReturnType<typeof vi.fn>;
  resume: ReturnType<typeof vi.fn>;
  close: ReturnType<typeof vi.fn>;
  emit: (event: KeywayEvent) => void;
}

export const instances: FakeInstance[] = [];

/** From now on createConnect answers a fresh fake; `setup` programs each one. */
export function fakeConnect(setup: (instance: FakeInstance) => void = () => {}) {
  instances.length = 0;
  vi.mocked(createConnect).mockImplementation(((options: FakeInstance['options']) => {
    const instance: FakeInstance = {
      options,
      open: vi.fn(() => new Promise(() => {})),
      listConnectors: vi.fn(async () => CONNECTORS),
      submitCredentials: vi.fn(),
      resume: vi.fn(async () => null),
      close: vi.fn(),
      emit: (event) => options.onEvent?.(event),
    };
    setup(instance);
    instances.push(instance);
    return instance;
  }) as unknown as typeof createConnect);
}

export function error(code: string, message = `${code} (from the fake SDK)`): KeywayError {
  return new (KeywayError as unknown as new (c: string, m: string) => KeywayError)(code, message);
}

export const CONNECTED: ConnectResult = { linkedAccountId: 'la_1', connector: 'keyed' } as ConnectResult;

const field = (name: string, label: string, extra: Record<string, unknown> = {}) => ({
  name, label, help: null, secret: false, config: false, pattern: null, example: null, defaultValue: null, ...extra,
});

export const CONNECTORS = [
  {
    key: 'acme', displayName: 'Acme ID', color: '#ff5500', description: 'Identity',
    authMethods: [{ id: 'oauth', type: 'OAUTH2', label: 'Sign in with Acme ID', verifiable: false, fields: [] }],
  },
  {
    key: 'keyed', displayName: 'Keyed CRM', color: null, description: null,
    authMethods: [{ id: 'key', type: 'API_KEY', label: 'CRM API key', verifiable: true,
      fields: [field('apiKey', 'CRM API key', { secret: true, help: 'Find it under Settings, then API.' }),
        field('subdomain', 'Subdomain', { config: true, pattern: '[a-z0-9-]+', example: 'acme', defaultValue: 'eu' })] }],
  },
  {
    key: 'multi', displayName: 'Multi Desk', color: null, description: null,
    authMethods: [
      { id: 'key', type: 'API_KEY', label: 'API key', verifiable: false, fields: [field('apiKey', 'API key', { secret: true })] },
      { id: 'basic', type: 'BASIC', label: 'Username and password', verifiable: false,
        fields: [field('username', 'Username'), field('password', 'Password', { secret: true })] },
      { id: 'oauth', type: 'OAUTH2', label: 'Sign in with Multi Desk', verifiable: false, fields: [] },
    ],
  },
] as unknown as Connector[];
