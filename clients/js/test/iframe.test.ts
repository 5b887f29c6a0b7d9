// Iframe mode: an accessible modal around the portal. Escape and the close button end the flow,
// focus stays inside while it is open and goes back where it was after.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE, connect, fakeKeyway, post, tick, TOKEN, track, closeAll } from './harness.js';

const CONNECTED = { type: 'keyway:connected', linkedAccountId: 'la_1', connector: 'github' };

let button: HTMLButtonElement;
beforeEach(() => {
  vi.useFakeTimers();
  document.body.removeAttribute('style');
  document.body.innerHTML = '<main><button id="connect">Connect GitHub</button><a href="#x" id="other">other</a></main>';
  button = document.querySelector('#connect')!;
  button.focus();
});
afterEach(() => {
  closeAll();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

async function started(container?: HTMLElement) {
  const keyway = fakeKeyway();
  const { sdk, events } = connect({ mode: 'iframe', container });
  await tick();
  const flow = track(sdk.open('github'));
  await tick();
  return { keyway, sdk, events, flow };
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const press = (key: string, target: Element = document.activeElement ?? document.body) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('the modal', () => {
  it('isALabelledModalDialog_withACloseButtonAndTheTitledPortalIframe', async () => {
    await started();
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(d.getAttribute('aria-label')).toBe('Connect an account');
    const close = d.querySelector('button')!;
    expect(close.getAttribute('type')).toBe('button');
    expect(close.getAttribute('aria-label')).toBe('Close');
    const frame = d.querySelector('iframe')!;
    expect(frame.title).toBe('Connect an account');
    expect(frame.getAttribute('src'))
      .toBe(`${BASE}/connect/github?session=${TOKEN}&origin=${encodeURIComponent(location.origin)}`);
    expect(document.body.style.overflow).toBe('hidden');
  });

  it('movesTheFocusIn_andKeepsItThere', async () => {
    await started();
    const d = dialog()!;
    expect(document.activeElement).toBe(d.querySelector('iframe'));

    (document.querySelector('#other') as HTMLElement).focus(); // e.g. a click or a script elsewhere
    expect(d.contains(document.activeElement)).toBe(true);

    const [first, last] = [...d.querySelectorAll<HTMLElement>('span[tabindex="0"]')];
    last.focus(); // Tab out of the iframe's last field
    expect(document.activeElement).toBe(d.querySelector('button'));
    first.focus(); // Shift+Tab from the close button
    expect(document.activeElement).toBe(d.querySelector('iframe'));
  });

  it('mountsInTheGivenContainer', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    await started(host);
    expect(host.contains(dialog())).toBe(true);
  });
});

describe('closing', () => {
  it('closesOnEscape_givesTheFocusBack_andRejectsUserCancelledAfterOneLastRead', async () => {
    const { keyway, flow, events } = await started();
    const gets = keyway.gets();
    press('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(document.body.style.overflow).toBe('');
    await tick();

    expect(keyway.gets()).toBe(gets + 1);
    expect(flow.error.code).toBe('user_cancelled');
    expect(events.at(-1)).toEqual({ type: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closesOnTheCloseButton', async () => {
    const { flow } = await started();
    dialog()!.querySelector('button')!.click();
    await tick();
    expect(dialog()).toBeNull();
    expect(flow.error.code).toBe('user_cancelled');
  });

  it('ignoresOtherKeys', async () => {
    const { flow } = await started();
    press('Enter');
    press('a');
    await tick();
    expect(dialog()).not.toBeNull();
    expect(flow.state).toBe('pending');
  });

  it('resolves_whenTheLastReadFindsTheAccount', async () => {
    const { keyway, flow } = await started();
    keyway.result = { status: 'connected', linkedAccountId: 'la_1', connector: 'github', at: '2030-01-01T00:00:05Z' };
    press('Escape');
    await tick();
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
  });

  it('close()RemovesTheModal_andItsListeners', async () => {
    const removed = vi.spyOn(document, 'removeEventListener');
    const { sdk, flow } = await started();
    sdk.close();
    await tick();
    expect(dialog()).toBeNull();
    expect(flow.error.code).toBe('user_cancelled');
    expect(removed).toHaveBeenCalledWith('keydown', expect.any(Function), true);
    expect(removed).toHaveBeenCalledWith('focusin', expect.any(Function));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('results', () => {
  it('resolvesOnTheIframesMessage_thenRemovesTheModal', async () => {
    const { flow, events } = await started();
    post(CONNECTED);
    await tick();
    expect(flow.value).toEqual({ linkedAccountId: 'la_1', connector: 'github' });
    expect(dialog()).not.toBeNull(); // the success page shows a moment
    await tick(1500);
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(events.map((e) => e.type)).toEqual(['ready', 'connected']);
    await tick(1); // jsdom's own selectionchange task after focus()
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignoresAMessageFromAnotherOrigin', async () => {
    const { flow } = await started();
    post(CONNECTED, 'https://evil.test');
    await tick();
    expect(flow.state).toBe('pending');
  });

  it('takesTheResultFromTheSession_whenNoMessageArrives', async () => {
    const { keyway, flow } = await started();
    keyway.result = { status: 'connected', linkedAccountId: 'la_1', connector: 'github', at: '2030-01-01T00:00:05Z' };
    await tick(1500);
    expect(flow.state).toBe('resolved');
  });
});
