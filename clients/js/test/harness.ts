// A fake Keyway for the unit tests: the two session-API routes behind a stubbed fetch, a fake
// popup behind window.open, and helpers to post messages and move fake time.
import { vi } from 'vitest';
import { createConnect } from '../src/index.js';
import type { ConnectOptions, KeywayConnect, KeywayEvent } from '../src/index.js';

export const BASE = 'https://keyway.test';
export const TOKEN = 'cs_test_token';

export const CONNECTORS = [{
  key: 'github', displayName: 'GitHub', color: '#24292F', description: 'Code hosting',
  authMethods: [{ id: 'oauth', type: 'OAUTH2', label: 'Sign in with GitHub', verifiable: false, fields: [] }],
}, {
  key: 'acme-crm', displayName: 'Acme CRM', color: null, description: null,
  authMethods: [{ id: 'key', type: 'API_KEY', label: 'API key', verifiable: true, fields: [
    { name: 'apiKey', label: 'API key', help: null, secret: true, config: false, pattern: null, example: null, defaultValue: null },
  ] }],
}];

type Failure = 'network' | { status: number; body?: unknown };

export interface FakeKeyway {
  /** The session's `result` as GET /v1/connect/session answers it now. */
  result: Record<string, string> | null;
  /** Answers used (in order) before the normal ones, for GET. */
  getFailures: Failure[];
  /** The session's `activity` (the portal's heartbeat, an OAuth flow at the provider); absent when undefined. */
  activity?: { portalSeenSecondsAgo: number | null; atProvider: boolean; cutOff: boolean };
  /** What POST /v1/connect/credentials answers next. */
  post: Failure | { status: 201; body: unknown } | null;
  fetch: ReturnType<typeof vi.fn>;
  gets(): number;
}

export function fakeKeyway(): FakeKeyway {
  const k: FakeKeyway = {
    result: null,
    getFailures: [],
    post: null,
    fetch: vi.fn(),
    gets: () => k.fetch.mock.calls.filter(([, init]) => (init?.method ?? 'GET') == 'GET').length,
  };
  const answer = (f: Failure | { status: number; body?: unknown }) => {
    if (f == 'network') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(f.body === undefined ? '' : JSON.stringify(f.body), { status: f.status }));
  };
  k.fetch.mockImplementation((url: string, init: RequestInit) => {
    if (init.method == 'GET' && url == BASE + '/v1/connect/session') {
      const f = k.getFailures.shift();
      if (f) return answer(f);
      return answer({ status: 200, body: { app: { name: 'Acme' }, expiresAt: '2030-01-01T00:00:00Z', reconnect: false,
        connectors: CONNECTORS, ...(k.result ? { result: k.result } : {}), ...(k.activity ? { activity: k.activity } : {}) } });
    }
    if (init.method == 'POST' && url == BASE + '/v1/connect/credentials') {
      const p = k.post ?? { status: 500, body: { error: { code: 'internal', message: 'no answer set' } } };
      return answer(p);
    }
    return answer({ status: 404, body: { error: { code: 'not_found', message: 'no route' } } });
  });
  vi.stubGlobal('fetch', k.fetch);
  return k;
}

export interface FakePopup {
  closed: boolean;
  close: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
}

/** window.open answers a fake popup (or null: blocked). */
export function fakePopup(blocked = false) {
  const popup: FakePopup = { closed: false, close: vi.fn(() => { popup.closed = true; }), focus: vi.fn() };
  const open = vi.spyOn(window, 'open').mockImplementation(() => (blocked ? null : popup as unknown as Window));
  return { popup, open };
}

const made: KeywayConnect[] = [];

export function connect(options: Partial<ConnectOptions> = {}) {
  const events: KeywayEvent[] = [];
  const sdk = createConnect({ sessionToken: TOKEN, baseUrl: BASE, onEvent: (e) => events.push(e), ...options });
  made.push(sdk);
  return { sdk, events };
}

/** Ends every flow a test left open, so no poll or listener outlives its test. */
export function closeAll() {
  made.splice(0).forEach((sdk) => sdk.close());
}

export function post(data: unknown, origin = BASE) {
  window.dispatchEvent(new MessageEvent('message', { data, origin }));
}

/** Lets pending promises (fetch answers) run, and fake time move by ms. */
export const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** A promise's state without waiting for it. */
export function track<T>(p: Promise<T>) {
  const s: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: any } = { state: 'pending' };
  p.then((value) => { s.state = 'resolved'; s.value = value; }, (error) => { s.state = 'rejected'; s.error = error; });
  return s;
}
