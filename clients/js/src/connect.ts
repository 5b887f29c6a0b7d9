// createConnect: one connect session's flows in the browser. A popup or iframe flow learns its
// result two ways: the portal's postMessage (fast) and reading the session (GET
// /v1/connect/session every POLL_MS, and once more when the window goes away). The second path
// is why a popup whose opener was severed (COOP), or a message lost while the popup closed,
// still ends with the account the user linked.
import { flowError, KeywayError } from './error.js';
import { sessionApi, type Session, type SessionResult } from './http.js';
import { openModal } from './modal.js';
import type { ConnectOptions, ConnectResult, Connector, KeywayConnect, KeywayEvent, OpenOptions } from './types.js';

export const POLL_MS = 1500;
/** How often a popup is checked for being closed. */
export const WATCH_MS = 500;
/** A popup that reads closed before any portal page reported is given this long for one to do so. */
export const GRACE_MS = 3000;
/** The portal's heartbeat comes every 5 s: older than this, its page is gone. */
export const ALIVE_MS = 12_000;
/** A success page stays this long before the SDK takes it away (the portal's popup closes itself at 1.5 s). */
export const LINGER_MS = 1500;
const POPUP_WIDTH = 500;
const POPUP_HEIGHT = 700;
/** What a redirect flow appends to the app's page URL. */
const PARAMS = ['linkedAccountId', 'connector', 'error'];

const str = (v: unknown): v is string => typeof v == 'string' && v != '';
const key = (r: SessionResult | null | undefined) => JSON.stringify(r ?? null);
const asError = (e: unknown) => e instanceof KeywayError ? e : new KeywayError('network_error', String(e));
/** The session says a flow is still under way: at the provider, or a portal page beating. */
const alive = (a: Session['activity']) => !!a && (a.atProvider || (a.portalSeenSecondsAgo ?? Infinity) * 1000 <= ALIVE_MS);
const cancelled = () => new KeywayError('user_cancelled', 'the connect window was closed before an account was linked');

/** This page's URL without the parameters a redirect flow brings back. */
function cleanHref(): string {
  const u = new URL(location.href);
  PARAMS.forEach((p) => u.searchParams.delete(p));
  return u.href;
}

interface Flow {
  promise: Promise<ConnectResult>;
  focus(): void;
  /** The window went away (or the portal asked to close): one last read of the session decides. */
  gone(): void;
  /** close(): end now, no request. */
  cancel(): void;
}

export function createConnect(options: ConnectOptions): KeywayConnect {
  const { sessionToken, onEvent, mode = 'popup' } = options;
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch { /* reported below */ }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new KeywayError('invalid_request', `baseUrl must be Keyway's absolute URL, e.g. https://keyway.example.com (got ${options.baseUrl})`);
  }
  if (!str(sessionToken)) {
    throw new KeywayError('invalid_request', 'sessionToken is required: your backend mints it with POST /v1/connect-sessions');
  }
  if (!['popup', 'iframe', 'redirect'].includes(mode)) {
    throw new KeywayError('invalid_request', `mode must be "popup", "iframe" or "redirect" (got ${mode})`);
  }
  const origin = url.origin;
  const base = origin + url.pathname.replace(/\/+$/, '');
  const api = sessionApi(base, sessionToken);

  const emit = (e: KeywayEvent) => {
    try {
      onEvent?.(e);
    } catch (x) {
      setTimeout(() => { throw x; }); // the app's bug, reported, without breaking the flow
    }
  };
  const fail = (e: unknown) => {
    const err = asError(e);
    emit({ type: 'error', code: err.code, message: err.message });
    return err;
  };
  const done = (r: ConnectResult): ConnectResult => {
    const result = { linkedAccountId: r.linkedAccountId, connector: r.connector };
    emit({ type: 'connected', ...result });
    return result;
  };

  let ready = false;
  /** The session's result as already accounted for (key()); undefined: the next read sets it. */
  let known: string | undefined;
  /** Reads the session; `fresh` is its result when that changed since the last read. */
  async function read(retry: boolean, signal?: AbortSignal) {
    const s = await api.session(retry, signal);
    if (!ready) {
      ready = true;
      emit({ type: 'ready' });
    }
    const k = key(s.result);
    const fresh = known != null && k != known ? s.result : null;
    known = k;
    return { s, fresh };
  }

  let connectors: Promise<Connector[]> | undefined;
  const listConnectors = () => connectors ??= read(true).then((x) => x.s.connectors, (e) => {
    connectors = undefined;
    throw e;
  });
  listConnectors().catch(fail);

  let flow: Flow | undefined;
  /** Takes away a success page still showing. */
  let linger: (() => void) | undefined;

  function begin(dispose: () => void, focus: () => void, closed?: () => boolean): Flow {
    const stop = new AbortController();
    const timers: ReturnType<typeof setTimeout>[] = [];
    let last: KeywayError | undefined;
    let ending = false;
    let settle!: (r: ConnectResult | KeywayError) => void;

    const promise = new Promise<ConnectResult>((resolve, reject) => {
      settle = (r) => {
        if (flow != self) return;
        flow = undefined;
        stop.abort();
        timers.forEach(clearTimeout); // clears the interval too: one id pool
        removeEventListener('message', onMessage);
        if (r instanceof KeywayError) {
          dispose();
          reject(r);
          return;
        }
        const t = setTimeout(linger = () => {
          clearTimeout(t);
          linger = undefined;
          dispose();
        }, LINGER_MS);
        resolve(done(r));
      };
    });
    /** Ends the flow with an error event; nothing once it has ended (a read that lost the race with close()). */
    const abort = (e: unknown) => flow == self && settle(fail(e));
    const report = (err: KeywayError) => {
      if (err.code == 'session_expired') abort(err);
      else if (flow == self && last?.message != err.message) fail(last = err); // the portal shows it, with "Try again"
    };
    const take = (r: SessionResult) => {
      if (r.status == 'connected') settle(r);
      else if (r.status == 'failed') report(flowError(r.error, r.connector));
    };
    const end = () => {
      if (flow != self) return;
      emit({ type: 'closed' });
      settle(last ?? cancelled());
    };
    const onMessage = (e: MessageEvent) => {
      const m = e.data;
      if (e.origin != origin || !m || typeof m != 'object') return;
      if (m.type == 'keyway:connected' && str(m.linkedAccountId) && str(m.connector)) {
        known = undefined; // the session's result is this one now; the next read takes it as the baseline
        settle(m);
      } else if (m.type == 'keyway:error' && str(m.code)) {
        report(flowError(m.code, m.connector));
      } else if (m.type == 'keyway:close') {
        self.gone();
      }
    };
    const opened = Date.now();
    /** COOP cut the popup off: its handle reads closed while the user is still in it. The session decides. */
    let severed = false;
    let deciding = false;
    /** A portal page of this flow has reported (1 s for the server's rounding). */
    const seen = (a: Session['activity']) => a?.portalSeenSecondsAgo != null
      && a.portalSeenSecondsAgo * 1000 <= Date.now() - opened + 1000;
    /** The handle reads closed: closed by the user, or cut off by COOP? The portal's heartbeat says which. */
    const decide = async () => {
      if (deciding) return;
      deciding = true;
      try {
        const { s, fresh } = await read(true, stop.signal);
        if (fresh) take(fresh);
        else if (s.activity?.cutOff && alive(s.activity)) severed = true;
        else if (seen(s.activity) || Date.now() - opened >= GRACE_MS) self.gone();
        // else: no page has reported yet; the next tick asks again
      } catch (e) {
        if (asError(e).code == 'session_expired') abort(e);
      } finally {
        deciding = false;
      }
    };
    const poll = async () => {
      try {
        const { s, fresh } = await read(false, stop.signal);
        if (fresh) take(fresh);
        else if (severed && !alive(s.activity)) self.gone();
      } catch (e) {
        if (asError(e).code == 'session_expired') abort(e); // other failures: the next read tries again
      }
      if (!stop.signal.aborted) timers.push(setTimeout(poll, POLL_MS));
    };

    const self: Flow = {
      promise,
      focus,
      cancel: end,
      async gone() {
        if (ending || stop.signal.aborted) return;
        ending = true;
        dispose();
        try {
          const { fresh } = await read(true, stop.signal);
          if (fresh) take(fresh);
          end();
        } catch (e) {
          abort(e);
        }
      },
    };
    flow = self;
    addEventListener('message', onMessage);
    poll();
    if (closed) {
      // A closed-looking popup that keeps the focus was cut off by a provider page's COOP: wait for
      // the focus to come back here. Then the session tells a popup the user closed from one this
      // page's own COOP cut off (its portal page found no opener and keeps beating).
      timers.push(setInterval(() => !severed && closed() && document.hasFocus() && decide(), WATCH_MS));
    }
    return self;
  }

  function open(connectorKey?: string, opts: OpenOptions = {}): Promise<ConnectResult> {
    if (flow) {
      flow.focus();
      return flow.promise;
    }
    linger?.();
    const { authMethod } = opts;
    if (authMethod && !connectorKey) {
      return Promise.reject(fail(new KeywayError('invalid_request', 'open(connectorKey, { authMethod }): an authMethod needs its connectorKey')));
    }
    const enc = encodeURIComponent;
    const href = base + '/connect' + (connectorKey ? '/' + enc(connectorKey) : '') + '?session=' + enc(sessionToken)
      + (authMethod ? '&method=' + enc(authMethod) : '');
    if (mode == 'redirect') {
      location.assign(href + '&return=' + enc(cleanHref()));
      return new Promise(() => {}); // the page goes away; resume() reads the result when it comes back
    }
    const portal = href + '&origin=' + enc(location.origin);
    if (mode == 'iframe') {
      const modal = openModal(portal, options.container ?? document.body, () => flow ? flow.gone() : linger?.());
      return begin(modal.remove, modal.focus).promise;
    }
    const left = Math.round(screenX + (outerWidth - POPUP_WIDTH) / 2);
    const top = Math.round(screenY + (outerHeight - POPUP_HEIGHT) / 2);
    const popup = window.open(portal, '_blank', `popup,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`);
    if (!popup) {
      return Promise.reject(fail(new KeywayError('popup_blocked', 'the browser blocked the popup: call open() '
        + 'directly in a click handler, awaiting nothing before it, or offer mode "redirect"')));
    }
    return begin(() => popup.closed || popup.close(), () => popup.focus(), () => popup.closed).promise;
  }

  async function resume(): Promise<ConnectResult | null> {
    const q = new URLSearchParams(location.search);
    const id = q.get('linkedAccountId');
    const error = q.get('error');
    if (id || error) history.replaceState(history.state, '', cleanHref()); // a reload must not report it twice
    if (error) throw fail(flowError(error, q.get('connector')));
    let r: SessionResult | null | undefined;
    try {
      r = (await read(true)).s.result;
    } catch (e) {
      throw fail(e);
    }
    // A URL anyone can craft: the id counts only when it is this session's result.
    if (id && (r?.status != 'connected' || r.linkedAccountId != id)) {
      throw fail(new KeywayError('invalid_request', `linkedAccountId ${id} in this page's URL is not this connect `
        + "session's result: create the SDK with the session token the flow was opened with"));
    }
    if (r?.status == 'connected') return done(r);
    if (r?.status == 'failed') throw fail(flowError(r.error, r.connector));
    return null;
  }

  async function submitCredentials(connectorKey: string, authMethod: string, fields: Record<string, string>,
    connectionConfig?: Record<string, string>): Promise<ConnectResult> {
    try {
      const r = await api.submit({ connector: connectorKey, authMethod, fields, connectionConfig });
      known = undefined;
      return done(r);
    } catch (e) {
      if (asError(e).code == 'network_error') {
        // The answer may be what was lost, not the request: the session says whether an account was linked.
        const fresh = await read(true).then((x) => x.fresh, () => null);
        if (fresh?.status == 'connected' && fresh.connector == connectorKey) return done(fresh);
      }
      throw fail(e);
    }
  }

  return {
    open,
    listConnectors,
    submitCredentials,
    resume,
    close() {
      linger?.();
      flow?.cancel();
    },
  };
}
