// Redirect mode: open() navigates to the portal with a return URL; resume() reads the result
// from this page's URL (checked against the session) or from the session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeywayError } from '../src/index.js';
import { BASE, closeAll, connect, fakeKeyway, fakePopup, tick, TOKEN, track } from './harness.js';

const RESULT = { status: 'connected', linkedAccountId: 'la_1', connector: 'github', at: '2030-01-01T00:00:05Z' };

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => {
  closeAll();
  vi.useRealTimers();
  history.replaceState(null, '', '/');
});

describe('open in redirect mode', () => {
  it('navigatesToThePortal_withThisPageAsReturnUrl_lessKeywaysParameters', async () => {
    fakeKeyway();
    const { open } = fakePopup();
    const assign = vi.fn();
    vi.stubGlobal('location', { href: 'http://localhost:3000/settings?tab=1&error=access_denied&connector=github#top',
      origin: 'http://localhost:3000', assign });
    const { sdk } = connect({ mode: 'redirect' });

    const flow = track(sdk.open('github', { authMethod: 'oauth' }));
    await tick(10_000);

    expect(assign).toHaveBeenCalledWith(`${BASE}/connect/github?session=${TOKEN}&method=oauth&return=`
      + encodeURIComponent('http://localhost:3000/settings?tab=1#top'));
    expect(open).not.toHaveBeenCalled();
    expect(flow.state).toBe('pending'); // the page is going away
    expect(vi.getTimerCount()).toBe(0); // and nothing polls
  });
});

describe('resume', () => {
  it('takesTheResultFromTheUrl_onceTheSessionConfirmsIt_andCleansTheUrl', async () => {
    const keyway = fakeKeyway();
    keyway.result = RESULT;
    history.replaceState(null, '', '/settings?tab=1&linkedAccountId=la_1&connector=github#top');
    const { sdk, events } = connect({ mode: 'redirect' });

    await expect(sdk.resume()).resolves.toEqual({ linkedAccountId: 'la_1', connector: 'github' });
    expect(location.pathname + location.search + location.hash).toBe('/settings?tab=1#top');
    expect(events).toContainEqual({ type: 'connected', linkedAccountId: 'la_1', connector: 'github' });
  });

  it('refusesALinkedAccountIdTheSessionDidNotProduce', async () => {
    const keyway = fakeKeyway();
    keyway.result = RESULT;
    history.replaceState(null, '', '/settings?linkedAccountId=la_forged&connector=github');
    const { sdk } = connect({ mode: 'redirect' });

    const error = await sdk.resume().catch((e) => e);
    expect(error).toBeInstanceOf(KeywayError);
    expect(error.code).toBe('invalid_request');
    expect(location.search).toBe('');
  });

  it('refusesALinkedAccountId_whenTheSessionHasNoResult', async () => {
    fakeKeyway();
    history.replaceState(null, '', '/settings?linkedAccountId=la_1&connector=github');
    const { sdk } = connect({ mode: 'redirect' });
    await expect(sdk.resume()).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it.each([
    ['access_denied', 'user_cancelled'],
    ['invalid_grant', 'provider_error'],
    ['http_500', 'provider_error'],
    ['session_expired', 'session_expired'],
  ])('rejectsWithTheErrorInTheUrl: %s → %s', async (raw, code) => {
    fakeKeyway();
    history.replaceState(null, '', `/settings?error=${raw}&connector=github`);
    const { sdk, events } = connect({ mode: 'redirect' });

    const error = await sdk.resume().catch((e) => e);
    expect(error.code).toBe(code);
    expect(error.message).toContain(raw);
    expect(error.message).toContain('github');
    expect(location.search).toBe('');
    expect(events).toContainEqual({ type: 'error', code, message: error.message });
  });

  it('readsTheSessionsResult_whenTheUrlHasNone', async () => {
    const keyway = fakeKeyway();
    keyway.result = RESULT;
    history.replaceState(null, '', '/settings?tab=1');
    const { sdk } = connect({ mode: 'redirect' });
    await expect(sdk.resume()).resolves.toEqual({ linkedAccountId: 'la_1', connector: 'github' });
    expect(location.search).toBe('?tab=1');
  });

  it('rejectsWithTheSessionsFailedResult', async () => {
    const keyway = fakeKeyway();
    keyway.result = { status: 'failed', error: 'invalid_grant', connector: 'github', at: '2030-01-01T00:00:05Z' };
    const { sdk } = connect({ mode: 'redirect' });
    await expect(sdk.resume()).rejects.toMatchObject({ code: 'provider_error' });
  });

  it('answersNull_whenNothingHappenedYet', async () => {
    fakeKeyway();
    const { sdk } = connect({ mode: 'redirect' });
    await expect(sdk.resume()).resolves.toBeNull();
  });

  it('answersSessionExpired_whenTheSessionIsGone', async () => {
    const keyway = fakeKeyway();
    keyway.getFailures.push(...Array(2).fill({ status: 401, body: { error: { code: 'session_expired', message: 'expired' } } }));
    const { sdk } = connect({ mode: 'redirect' });
    await expect(sdk.resume()).rejects.toMatchObject({ code: 'session_expired' });
  });
});
