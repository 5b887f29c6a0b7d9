// The one place that owns an @keyway/connect instance for a component: created once the session
// token is known, closed on unmount, never silently re-created. useKeywayConnect and ConnectPanel
// share it; only useKeywayConnect's {open, ready, error} is public.
import { useCallback, useEffect, useRef, useState } from 'react';
import { createConnect, KeywayError } from '@keyway/connect';
import type { ConnectMode, ConnectResult, KeywayConnect, KeywayEvent } from './sdk';

export interface UseKeywayConnectOptions {
  /** The connect session token your backend minted (`POST /v1/connect-sessions` → `token`). Until it is known, pass null. */
  sessionToken: string | null | undefined;
  /** Keyway's public URL, e.g. `https://connect.example.com` (locally `http://127.0.0.1:3000`). */
  baseUrl: string;
  /** How the hosted portal opens: a popup (default), an iframe dialog, or a full-page redirect. */
  mode?: ConnectMode;
  /** The iframe mode's dialog parent (default `document.body`). */
  container?: HTMLElement | null;
  /** An account was linked: its id and connector. */
  onSuccess?: (result: ConnectResult) => void;
  /** A flow ended without an account: the reason (`user_cancelled`, `popup_blocked`, `session_expired`, …). */
  onExit?: (error: KeywayError) => void;
  /** Every event of the SDK, as it happens. */
  onEvent?: (event: KeywayEvent) => void;
}

export interface ConnectClient {
  client: KeywayConnect | null;
  ready: boolean;
  error: KeywayError | null;
  /** The public open(): the result, or null when the flow ended without one. */
  open: (connectorKey?: string, options?: { authMethod?: string }) => Promise<ConnectResult | null>;
  /** Like open(), but answers the error instead of null, for a component that shows it. */
  start: (connectorKey?: string, options?: { authMethod?: string }) => Promise<ConnectResult | KeywayError>;
  /** A flow ended with an account (→ onSuccess) or without one (→ error, onExit). */
  succeed: (result: ConnectResult) => void;
  fail: (error: KeywayError) => void;
}

/** The options an instance is built from; a change of any of them after that is ignored, with a warning. */
type Identity = Pick<UseKeywayConnectOptions, 'sessionToken' | 'baseUrl' | 'mode' | 'container'>;
const IDENTITY_KEYS: (keyof Identity)[] = ['sessionToken', 'baseUrl', 'mode', 'container'];

export function toKeywayError(e: unknown): KeywayError {
  if (e instanceof KeywayError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new KeywayError('network_error', message);
}

export function useConnectClient(options: UseKeywayConnectOptions, component: string): ConnectClient {
  const { sessionToken, baseUrl, mode, container } = options;
  // Callbacks are read at call time, so an inline arrow function on every render is fine.
  const callbacks = useRef(options);
  callbacks.current = options;

  const [client, setClient] = useState<KeywayConnect | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<KeywayError | null>(null);
  const built = useRef<Identity | null>(null);
  const warned = useRef(false);
  const alive = useRef(false);

  const hasToken = typeof sessionToken === 'string' && sessionToken.length > 0;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!hasToken) return undefined;
    let live = true;
    const report = (e: unknown) => {
      if (!live) return;
      const err = toKeywayError(e);
      setError(err);
      callbacks.current.onExit?.(err);
    };
    let instance: KeywayConnect;
    try {
      instance = createConnect({
        sessionToken: sessionToken as string,
        baseUrl,
        mode,
        container: container ?? undefined,
        onEvent: (event: KeywayEvent) => {
          if (!live) return;
          if (event.type === 'ready') setReady(true);
          callbacks.current.onEvent?.(event);
        },
      });
    } catch (e) {
      report(e); // options the SDK refuses (a baseUrl that is not a URL, say): its message says what to fix
      return () => {
        live = false;
      };
    }
    built.current = { sessionToken, baseUrl, mode, container };
    setClient(instance);
    setError(null);
    // The SDK reads the session as soon as it exists (that read answers listConnectors too): an
    // expired session or an unreachable Keyway is reported here, before any click.
    instance.listConnectors().then(() => {
      if (live) setReady(true);
      // Back from a full-page flow: the SDK reads the result from the URL and checks it with Keyway.
      if (mode === 'redirect') {
        instance.resume().then((result) => {
          if (live && result) callbacks.current.onSuccess?.(result);
        }, report);
      }
    }, report);
    return () => {
      live = false;
      instance.close();
      built.current = null;
      setClient(null);
      setReady(false);
    };
    // Deliberately not keyed on the identity values: see the warning below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasToken]);

  useEffect(() => {
    const was = built.current;
    if (!was || warned.current) return;
    const changed = IDENTITY_KEYS.filter((k) => was[k] !== options[k]);
    if (changed.length === 0) return;
    warned.current = true;
    const how = component.startsWith('use')
      ? `remount the component that calls ${component} with a React key (key={sessionToken})`
      : `remount it with a React key: <${component} key={sessionToken} …/>`;
    console.warn(`[@keyway/react] ${component}: ${changed.join(', ')} changed after the connect flow was set up; `
      + `the change is ignored. To start over with the new value, ${how}.`);
  });

  const succeed = useCallback((result: ConnectResult) => {
    if (!alive.current) return;
    setError(null);
    callbacks.current.onSuccess?.(result);
  }, []);

  const fail = useCallback((err: KeywayError) => {
    if (!alive.current) return;
    setError(err);
    callbacks.current.onExit?.(err);
  }, []);

  const start = useCallback(async (connectorKey?: string, openOptions?: { authMethod?: string }) => {
    if (!client) {
      const err = new KeywayError('invalid_request', hasToken
        ? 'the connect flow is not set up yet: call open() from a click, after the first render'
        : 'no session token yet: mint one on your backend (POST /v1/connect-sessions) and pass it as sessionToken');
      fail(err);
      return err;
    }
    try {
      // Nothing is awaited before client.open: a popup must open in the same task as the click.
      const result = await client.open(connectorKey, openOptions);
      succeed(result);
      return result;
    } catch (e) {
      const err = toKeywayError(e);
      fail(err);
      return err;
    }
  }, [client, hasToken, succeed, fail]);

  const open = useCallback(async (connectorKey?: string, openOptions?: { authMethod?: string }) => {
    const outcome = await start(connectorKey, openOptions);
    return outcome instanceof KeywayError ? null : outcome;
  }, [start]);

  return { client, ready, error, open, start, succeed, fail };
}
