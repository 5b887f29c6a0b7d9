// The session API: ready, listConnectors, errors by status, retries of GETs, submitCredentials.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnect, KeywayError } from '../src/index.js';
import { BASE, CONNECTORS, connect, fakeKeyway, tick, TOKEN, track, closeAll } from './harness.js';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => {
  closeAll();
  vi.useRealTimers();
});

describe('createConnect', () => {
  it('readsTheSessionOnce_thenEmitsReady', async () => {
    const keyway = fakeKeyway();
    const { sdk, events } = connect();
    await tick();

    expect(events).toEqual([{ type: 'ready' }]);
    expect(await sdk.listConnectors()).toEqual(CONNECTORS);
    expect(keyway.gets()).toBe(1);
    const [url, init] = keyway.fetch.mock.calls[0];
    expect(url).toBe(BASE + '/v1/connect/session');
    expect(init.headers).toEqual({ authorization: 'Bearer ' + TOKEN });
    expect(init.credentials).toBe('omit');
  });

  it('keepsAPathPrefixAndDropsATrailingSlash', async () => {
    const keyway = fakeKeyway();
    createConnect({ sessionToken: TOKEN, baseUrl: BASE + '/prod/' });
    await tick();
    expect(keyway.fetch.mock.calls[0][0]).toBe(BASE + '/prod/v1/connect/session');
  });

  it.each([['not a url'], ['ftp://keyway.test'], ['']])('refusesBaseUrl %j', (baseUrl) => {
    fakeKeyway();
    expect(() => createConnect({ sessionToken: TOKEN, baseUrl })).toThrow(KeywayError);
  });

  it('refusesAMissingSessionToken_withWhatToDo', () => {
    fakeKeyway();
    expect(() => createConnect({ sessionToken: '', baseUrl: BASE })).toThrow(/POST \/v1\/connect-sessions/);
  });
});

describe('errors', () => {
  it('answers401_asSessionExpired', async () => {
    const keyway = fakeKeyway();
    keyway.getFailures.push(...Array(3).fill({ status: 401, body: { error: { code: 'session_expired', message: 'expired' } } }));
    const { sdk, events } = connect();
    await tick();

    expect(events).toEqual([{ type: 'error', code: 'session_expired', message: 'expired' }]);
    await expect(sdk.listConnectors()).rejects.toMatchObject({ code: 'session_expired' });
    expect(keyway.gets()).toBe(2); // a 401 is not retried
  });

  it('retriesAGetAfterANetworkErrorOrA5xx_withBackOff', async () => {
    const keyway = fakeKeyway();
    keyway.getFailures.push('network', { status: 503 });
    const { sdk, events } = connect();
    const list = track(sdk.listConnectors());

    await tick(499);
    expect(keyway.gets()).toBe(1);
    await tick(1);
    expect(keyway.gets()).toBe(2);
    await tick(1500);
    expect(keyway.gets()).toBe(3);
    expect(list).toMatchObject({ state: 'resolved', value: CONNECTORS });
    expect(events).toEqual([{ type: 'ready' }]);
  });

  it('givesUpAfterThreeTries_withNetworkError', async () => {
    const keyway = fakeKeyway();
    keyway.getFailures.push('network', 'network', 'network');
    const { sdk, events } = connect();
    const list = track(sdk.listConnectors());
    await tick(2000);

    expect(keyway.gets()).toBe(3);
    expect(list.state).toBe('rejected');
    expect(list.error).toBeInstanceOf(KeywayError);
    expect(list.error.code).toBe('network_error');
    expect(list.error.message).toMatch(/allowedOrigins/);
    expect(events).toEqual([{ type: 'error', code: 'network_error', message: list.error.message }]);
    // The next call tries again rather than answering the cached failure.
    const again = track(sdk.listConnectors());
    await tick();
    expect(again.state).toBe('resolved');
  });

  it('timesOutAGetThatNeverAnswers', async () => {
    const keyway = fakeKeyway();
    keyway.fetch.mockImplementation((_url: string, init: RequestInit) => new Promise((_, reject) => {
      init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }));
    const { sdk } = connect();
    const list = track(sdk.listConnectors());
    await tick(10_000 + 500 + 10_000 + 1500 + 10_000);

    expect(keyway.fetch).toHaveBeenCalledTimes(3);
    expect(list.error?.code).toBe('network_error');
  });
});

describe('submitCredentials', () => {
  it('postsTheFields_andResolvesWithTheLinkedAccount', async () => {
    const keyway = fakeKeyway();
    keyway.post = { status: 201, body: { linkedAccountId: 'la_1', connector: 'acme-crm' } };
    const { sdk, events } = connect();

    const result = await sdk.submitCredentials('acme-crm', 'key', { apiKey: 's3cret' }, { subdomain: 'eu' });

    expect(result).toEqual({ linkedAccountId: 'la_1', connector: 'acme-crm' });
    const [url, init] = keyway.fetch.mock.calls.find(([, i]) => i.method == 'POST')!;
    expect(url).toBe(BASE + '/v1/connect/credentials');
    expect(JSON.parse(init.body)).toEqual({ connector: 'acme-crm', authMethod: 'key', fields: { apiKey: 's3cret' },
      connectionConfig: { subdomain: 'eu' } });
    expect(init.headers['content-type']).toBe('application/json');
    expect(events).toContainEqual({ type: 'connected', linkedAccountId: 'la_1', connector: 'acme-crm' });
  });

  it.each([
    [422, { error: { code: 'credentials_rejected', message: 'Acme said no' } }, 'credentials_rejected'],
    [400, { error: { code: 'invalid_request', message: 'fields.apiKey: required' } }, 'invalid_request'],
    [401, { error: { code: 'session_expired', message: 'expired' } }, 'session_expired'],
    [502, { error: { code: 'verification_unavailable', message: 'Acme is down' } }, 'provider_error'],
    [502, { error: { code: 'provider_error', message: 'Acme answered 500' } }, 'provider_error'],
    [403, null, 'invalid_request'],
  ])('mapsHttp%s_%j_to_%s', async (status, body, code) => {
    const keyway = fakeKeyway();
    keyway.post = { status, body };
    const { sdk, events } = connect();
    const error = await sdk.submitCredentials('acme-crm', 'key', { apiKey: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(KeywayError);
    expect(error.code).toBe(code);
    if (body) expect(error.message).toBe(body.error.message);
    expect(events).toContainEqual({ type: 'error', code, message: error.message });
    expect(keyway.fetch.mock.calls.filter(([, i]) => i.method == 'POST')).toHaveLength(1); // never retried
  });

  it('findsTheAccountInTheSession_whenThePostsAnswerIsLost', async () => {
    const keyway = fakeKeyway();
    const { sdk } = connect();
    await tick(); // the session as it was: no result
    keyway.fetch.mockImplementationOnce(() => {
      keyway.result = { status: 'connected', linkedAccountId: 'la_2', connector: 'acme-crm', at: '2030-01-01T00:00:01Z' };
      return Promise.reject(new TypeError('socket hang up')); // stored, but the answer never came
    });

    await expect(sdk.submitCredentials('acme-crm', 'key', { apiKey: 'x' }))
      .resolves.toEqual({ linkedAccountId: 'la_2', connector: 'acme-crm' });
  });

  it('reportsTheNetworkError_whenTheSessionHasNoNewAccount', async () => {
    const keyway = fakeKeyway();
    keyway.result = { status: 'connected', linkedAccountId: 'la_old', connector: 'acme-crm', at: '2030-01-01T00:00:00Z' };
    const { sdk } = connect();
    await tick();
    keyway.fetch.mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(sdk.submitCredentials('acme-crm', 'key', { apiKey: 'x' })).rejects.toMatchObject({ code: 'network_error' });
  });

  it('neverLogsWhatWasTyped', async () => {
    const keyway = fakeKeyway();
    const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    keyway.post = { status: 422, body: { error: { code: 'credentials_rejected', message: 'rejected' } } };
    const { sdk, events } = connect();
    const error = await sdk.submitCredentials('acme-crm', 'key', { apiKey: 'hunter2-secret' }).catch((e) => e);

    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
    expect(JSON.stringify(events) + error.message + error.stack).not.toContain('hunter2-secret');
  });
});
