// Popup mode: the portal's postMessage (origin and shape checked), the session-polling fallback,
// a blocked popup, the user closing it, a popup severed by COOP, close().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeywayError } from '../src/index.js';
import { GRACE_MS } from '../src/connect.js';
import { BASE, connect, fakeKeyway, fakePopup, post, tick, TOKEN, track, closeAll } from './harness.js';

const CONNECTED = { type: 'keyway:connected', linkedAccountId: 'la_1', connector: 'github' };
const RESULT = { status: 'connected', linkedAccountId: 'la_1', connector: 'github', at: '2030-01-01T00:00:05Z' };

let hasFocus: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers();
  hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
});
afterEach(() => {
  closeAll();
  vi.useRealTimers();
});

async function started(connectorKey?: string, authMethod?: string) {
  const keyway = fakeKeyway();
  const { popup, open } = fakePopup();
  const { sdk, events } = connect();
  await tick();
  const flow = track(sdk.open(connectorKey, authMethod ? { authMethod } : undefined));
  await tick();
  return { keyway, popup, open, sdk, events, flow };
}

describe('open', () => {
  it('opensThePortalInAPopup_withTheSessionMethodAndThisPagesOrigin', async () => {
    const { open } = await started('github', 'oauth');
    const [url, target, features] = open.mock.calls[0];
    expect(url).toBe(`${BASE}/connect/github?session=${TOKEN}&method=oauth&origin=${encodeURIComponent(location.origin)}`);
    expect(target).toBe('_blank');
    expect(features).toMatch(/^popup,width=500,height=700,/);
  });

  it('opensTheConnectorList_withoutAConnectorKey', async () => {
    const { open } = await started();
    expect(open.mock.calls[0][0]).toBe(`${BASE}/connect?session=${TOKEN}&origin=${encodeURIComponent(location.origin)}`);
  });

  it('resolvesOnTheMessageFromKeywaysOrigin', async () => {
    const { flow, events, popup } = await started('github');
    post(CONNECTED);
    await tick();

    expect(flow).toMatchObject({ state: 'resolved', value: { linkedAccountId: 'la_1', connector: 'github' } });
    expect(events).toEqual([{ type: 'ready' }, { type: 'connected', linkedAccountId: 'la_1', connector: 'github' }]);
    await tick(1500); // the success page shows, then goes
    expect(popup.close).toHaveBeenCalled();
  });

  it('ignoresAMessageFromAnotherOrigin', async () => {
    const { flow } = await started('github');
    post(CONNECTED, 'https://evil.test');
    post(CONNECTED, 'https://keyway.test.evil.test');
    post(CONNECTED, 'http://keyway.test');
    await tick();
    expect(flow.state).toBe('pending');

    post(CONNECTED);
    await tick();
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });

  it.each([
    ['a string', JSON.stringify(CONNECTED)],
    ['null', null],
    ['another type', { ...CONNECTED, type: 'keyway:connect' }],
    ['no linkedAccountId', { type: 'keyway:connected', connector: 'github' }],
    ['a numeric linkedAccountId', { ...CONNECTED, linkedAccountId: 42 }],
    ['an empty connector', { ...CONNECTED, connector: '' }],
    ['an error without a code', { type: 'keyway:error', connector: 'github' }],
  ])('ignoresAMessageOfTheWrongShape: %s', async (_, data) => {
    const { flow, events } = await started('github');
    post(data);
    await tick();
    expect(flow.state).toBe('pending');
    expect(events).toEqual([{ type: 'ready' }]);
  });

  it('focusesTheOpenPopup_insteadOfOpeningASecond', async () => {
    const { sdk, open, popup } = await started('github');
    const again = sdk.open('github');
    expect(open).toHaveBeenCalledTimes(1);
    expect(popup.focus).toHaveBeenCalled();
    post(CONNECTED);
    await expect(again).resolves.toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });

  it('refusesAnAuthMethodWithoutAConnector', async () => {
    fakeKeyway();
    const { open } = fakePopup();
    const { sdk } = connect();
    await expect(sdk.open(undefined, { authMethod: 'oauth' })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('polling fallback', () => {
  it('takesTheResultFromTheSession_whenNoMessageArrives', async () => {
    const { keyway, flow, events } = await started('github');
    await tick(1500 * 3);
    expect(flow.state).toBe('pending');

    keyway.result = RESULT; // the portal could not post: its opener was severed
    await tick(1500);

    expect(flow).toMatchObject({ state: 'resolved', value: { linkedAccountId: 'la_1', connector: 'github' } });
    expect(events.at(-1)).toEqual({ type: 'connected', linkedAccountId: 'la_1', connector: 'github' });
  });

  it('pollsEvery1500ms_whileThePopupIsOpen', async () => {
    const { keyway } = await started('github');
    const before = keyway.gets();
    await tick(1500 * 4);
    expect(keyway.gets() - before).toBe(4);
  });

  it('doesNotTakeAResultTheSessionHadBeforeTheFlow', async () => {
    const keyway = fakeKeyway();
    keyway.result = { ...RESULT, linkedAccountId: 'la_old', at: '2029-01-01T00:00:00Z' };
    const { popup } = fakePopup();
    const { sdk } = connect();
    await tick();
    const flow = track(sdk.open('github'));
    await tick(1500 * 2);
    expect(flow.state).toBe('pending');

    keyway.result = RESULT;
    await tick(1500);
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
    expect(popup.closed).toBe(false);
  });

  it('takesTheNextResult_afterAFlowThatEndedByMessage', async () => {
    const { keyway, sdk, flow } = await started('github');
    keyway.result = RESULT;
    post(CONNECTED);
    await tick(2000);
    expect(flow.state).toBe('resolved');

    fakePopup();
    const second = track(sdk.open('github'));
    await tick(1500 * 2);
    expect(second.state).toBe('pending'); // la_1 is the last flow's, not this one's

    keyway.result = { ...RESULT, linkedAccountId: 'la_2', at: '2030-01-01T00:01:00Z' };
    await tick(1500);
    expect(second.value).toEqual({ linkedAccountId: 'la_2', connector: 'github' });
  });

  it('keepsPollingThroughNetworkErrors', async () => {
    const { keyway, flow } = await started('github');
    keyway.getFailures.push('network', { status: 503 }, 'network');
    await tick(1500 * 3);
    keyway.result = RESULT;
    await tick(1500);
    expect(flow.state).toBe('resolved');
  });

  it('endsWithSessionExpired_whenAPollAnswers401', async () => {
    const { keyway, flow, popup, events } = await started('github');
    keyway.getFailures.push({ status: 401, body: { error: { code: 'session_expired', message: 'expired' } } });
    await tick(1500);

    expect(flow.error).toBeInstanceOf(KeywayError);
    expect(flow.error.code).toBe('session_expired');
    expect(popup.close).toHaveBeenCalled();
    expect(events.at(-1)).toEqual({ type: 'error', code: 'session_expired', message: 'expired' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('portal errors', () => {
  it('reportsAnErrorAndKeepsTheFlowOpen_soTheUserCanTryAgain', async () => {
    const { flow, events } = await started('github');
    post({ type: 'keyway:error', code: 'invalid_grant', connector: 'github' });
    await tick();
    expect(flow.state).toBe('pending');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'provider_error' });

    post(CONNECTED); // "Try again" worked
    await tick();
    expect(flow.state).toBe('resolved');
  });

  it('rejectsWithTheLastError_whenTheUserThenClosesThePopup', async () => {
    const { keyway, flow, popup, events } = await started('github');
    post({ type: 'keyway:error', code: 'access_denied', connector: 'github' });
    keyway.result = { status: 'failed', error: 'access_denied', connector: 'github', at: '2030-01-01T00:00:05Z' };
    await tick(1500);
    keyway.activity = { portalSeenSecondsAgo: 0, atProvider: false, cutOff: false };
    popup.closed = true;
    await tick(500);

    expect(flow.error.code).toBe('user_cancelled');
    expect(flow.error.message).toMatch(/access_denied/);
    // One error event (the message and the session said the same thing), then closed.
    expect(events.map((e) => e.type)).toEqual(['ready', 'error', 'closed']);
  });

  it('takesAFailedResultFromTheSession_whenNoMessageArrives', async () => {
    const { keyway, flow, popup } = await started('github');
    keyway.result = { status: 'failed', error: 'http_500', connector: 'github', at: '2030-01-01T00:00:05Z' };
    await tick(1500);
    keyway.activity = { portalSeenSecondsAgo: 0, atProvider: false, cutOff: false };
    popup.closed = true;
    await tick(500);
    expect(flow.error.code).toBe('provider_error');
  });
});

describe('popup blocked', () => {
  it('rejectsWithPopupBlocked_andTellsTheDeveloperWhatToDo', async () => {
    fakeKeyway();
    fakePopup(true);
    const { sdk, events } = connect();
    await tick();

    const error = await sdk.open('github').catch((e) => e);
    expect(error).toBeInstanceOf(KeywayError);
    expect(error.code).toBe('popup_blocked');
    expect(error.message).toMatch(/click handler/);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'popup_blocked' });
    expect(vi.getTimerCount()).toBe(0);
    expect(location.href).toBe('http://localhost:3000/'); // no silent redirect
  });
});

describe('the user closes the popup', () => {
  it('rejectsWithUserCancelled_afterOneLastReadOfTheSession', async () => {
    const { keyway, flow, popup, events } = await started('github');
    keyway.activity = { portalSeenSecondsAgo: 0, atProvider: false, cutOff: false }; // the portal page had reported
    const before = keyway.gets();
    popup.closed = true;
    await tick(500);

    expect(keyway.gets()).toBe(before + 2); // the read that decides, and gone()'s last read
    expect(flow.error).toBeInstanceOf(KeywayError);
    expect(flow.error.code).toBe('user_cancelled');
    expect(events.at(-1)).toEqual({ type: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves_whenTheLastReadFindsTheAccount (the message was lost as the popup closed)', async () => {
    const { keyway, flow, popup } = await started('github');
    keyway.result = RESULT;
    popup.closed = true;
    await tick(500);
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });

  it('waitsTheGracePeriodForAPortalPageToReport_thenCancels (closed before anything loaded)', async () => {
    const { flow, popup } = await started('github');
    popup.closed = true;
    await tick(GRACE_MS - 1000);
    expect(flow.state).toBe('pending');
    await tick(1500);
    expect(flow.error.code).toBe('user_cancelled');
  });

  it('acceptsAPortalCloseMessage', async () => {
    const { flow, popup } = await started('github');
    post({ type: 'keyway:close' });
    await tick();
    expect(popup.close).toHaveBeenCalled();
    expect(flow.error.code).toBe('user_cancelled');
  });
});

describe('a popup cut off by a Cross-Origin-Opener-Policy', () => {
  it('waits_whileTheSessionSaysThePopupIsCutOffAndAtTheProvider_thenTakesTheResult', async () => {
    const { keyway, flow, popup, events } = await started('github');
    popup.closed = true; // COOP on this page: the handle reads closed once the portal loads
    keyway.activity = { portalSeenSecondsAgo: 0, atProvider: true, cutOff: true };
    await tick(60_000);
    expect(flow.state).toBe('pending');
    expect(events).toEqual([{ type: 'ready' }]);
    expect(popup.close).not.toHaveBeenCalled();

    keyway.result = RESULT; // the portal had no opener to post to: the session has it
    await tick(1500);
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });

  it('waits_whileTheCutOffPortalBeats_andEndsWhenItStops', async () => {
    const { keyway, flow, popup, events } = await started('github');
    popup.closed = true;
    keyway.activity = { portalSeenSecondsAgo: 3, atProvider: false, cutOff: true }; // the user is on the API-key form
    await tick(30_000);
    expect(flow.state).toBe('pending');

    keyway.activity = { portalSeenSecondsAgo: 13, atProvider: false, cutOff: true }; // closed: no beat since
    await tick(1500);
    expect(flow.error.code).toBe('user_cancelled');
    expect(events.at(-1)).toEqual({ type: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('doesNotTakeAClosedPopupForACutOffOne_whenItsPortalHadItsOpener', async () => {
    const { keyway, flow, popup } = await started('github');
    keyway.activity = { portalSeenSecondsAgo: 1, atProvider: true, cutOff: false };
    popup.closed = true; // the user closed it at the provider's page
    await tick(500);
    expect(flow.error.code).toBe('user_cancelled');
  });

  it('waits_whileAPopupThatReadsClosedKeepsTheFocus (a provider page set COOP)', async () => {
    const { keyway, flow, popup } = await started('github');
    hasFocus.mockReturnValue(false);
    popup.closed = true;
    await tick(30_000);
    expect(flow.state).toBe('pending');
    keyway.result = RESULT;
    await tick(1500);
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });
});

describe('close()', () => {
  it('closesThePopup_rejectsUserCancelled_andLeavesNoTimerListenerOrRequest', async () => {
    const removed = vi.spyOn(window, 'removeEventListener');
    const { keyway, sdk, flow, popup, events } = await started('github');
    sdk.close();
    await tick();

    expect(popup.close).toHaveBeenCalled();
    expect(flow.error.code).toBe('user_cancelled');
    expect(events.at(-1)).toEqual({ type: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toHaveBeenCalledWith('message', expect.any(Function));

    const gets = keyway.gets();
    await tick(60_000);
    expect(keyway.gets()).toBe(gets);
    post(CONNECTED);
    await tick();
    expect(events.at(-1)).toEqual({ type: 'closed' });
  });

  it('reportsNothingMore_whenItInterruptsTheLastRead', async () => {
    const { keyway, sdk, flow, popup, events } = await started('github');
    keyway.fetch.mockImplementation((_url: string, init: RequestInit) => new Promise((_, reject) => {
      init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }));
    popup.closed = true;
    await tick(500); // the last read is on its way
    sdk.close();
    await tick(20_000);

    expect(flow.error.code).toBe('user_cancelled');
    expect(events.map((e) => e.type)).toEqual(['ready', 'closed']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takesAwayASuccessPageStillShowing', async () => {
    const { sdk, popup } = await started('github');
    post(CONNECTED);
    await tick();
    expect(popup.close).not.toHaveBeenCalled();
    sdk.close();
    expect(popup.close).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('letsANewFlowStartAfterwards', async () => {
    const { sdk, open } = await started('github');
    sdk.close();
    const next = track(sdk.open('github'));
    await tick();
    expect(open).toHaveBeenCalledTimes(2);
    post(CONNECTED);
    await tick();
    expect(next.state).toBe('resolved');
  });
});
