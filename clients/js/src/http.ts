// Keyway's session API, authorised by the connect session token (never an app key).
import { KeywayError, toCode } from './error.js';
import type { Connector } from './types.js';

export type SessionResult =
  | { status: 'connected'; linkedAccountId: string; connector: string; at: string }
  | { status: 'failed'; error: string; connector?: string; at: string };

export interface Session {
  connectors: Connector[];
  /** How the session's last flow ended; absent or null while none has. */
  result?: SessionResult | null;
  /** Signs of a flow under way where this page may not see it (a popup cut off by COOP). */
  activity?: { portalSeenSecondsAgo: number | null; atProvider: boolean; cutOff: boolean };
}

/** Back-off before each retry of an idempotent GET; a POST is never retried (it could link twice). */
export const RETRY_DELAYS = [500, 1500];
/** API Gateway gives up on an integration after 30 s; a GET should answer well within 10 s. */
const GET_TIMEOUT = 10_000;
const POST_TIMEOUT = 31_000;

const wait = (ms: number, signal?: AbortSignal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); resolve(0); });
});

export function sessionApi(base: string, token: string) {
  async function call(method: string, path: string, body?: string, signal?: AbortSignal) {
    const abort = new AbortController();
    const stop = () => abort.abort();
    const timer = setTimeout(stop, body ? POST_TIMEOUT : GET_TIMEOUT);
    signal?.addEventListener('abort', stop);
    let res: Response;
    let data: any;
    try {
      res = await fetch(base + path, {
        method,
        body,
        headers: body
          ? { authorization: 'Bearer ' + token, 'content-type': 'application/json' }
          : { authorization: 'Bearer ' + token },
        credentials: 'omit',
        cache: 'no-store',
        signal: abort.signal,
      });
      data = await res.json().catch(() => null);
    } catch {
      throw new KeywayError('network_error', `Keyway (${base}) could not be reached: offline, timed out, `
        + "or this page's origin is not one of the app's allowedOrigins");
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
    if (res.ok && data) return data;
    const s = res.status;
    const error = data?.error ?? {};
    throw new KeywayError(
      s == 401 ? 'session_expired'
        : toCode(error.code, s == 422 ? 'credentials_rejected' : s == 502 ? 'provider_error'
          : s >= 500 || s == 429 || res.ok ? 'network_error' : 'invalid_request'),
      error.message || `Keyway answered HTTP ${s}`);
  }

  return {
    /** `GET /v1/connect/session`; with `retry`, network errors, 429 and 5xx are tried again. */
    async session(retry: boolean, signal?: AbortSignal): Promise<Session> {
      for (let i = 0; ; i++) {
        try {
          return await call('GET', '/v1/connect/session', undefined, signal);
        } catch (e) {
          if (!retry || i == RETRY_DELAYS.length || (e as KeywayError).code != 'network_error' || signal?.aborted) throw e;
          await wait(RETRY_DELAYS[i], signal);
        }
      }
    },
    submit(body: object): Promise<{ linkedAccountId: string; connector: string }> {
      return call('POST', '/v1/connect/credentials', JSON.stringify(body));
    },
  };
}
