import type { KeywayError } from '@keyway/connect';
import { type UseKeywayConnectOptions, useConnectClient } from './useConnectClient';
import type { ConnectResult } from './sdk';

export type { UseKeywayConnectOptions } from './useConnectClient';

export interface UseKeywayConnect {
  /**
   * Starts a connection flow (all connectors, or `connectorKey` only). Call it from a click
   * handler, without awaiting anything first, or the browser blocks the popup. Resolves with the
   * linked account, or null when the flow ended without one (then `error` and onExit say why); it
   * never rejects.
   */
  open: (connectorKey?: string, options?: { authMethod?: string }) => Promise<ConnectResult | null>;
  /** The session checked out with Keyway: open() can run. */
  ready: boolean;
  /** Why the last flow ended without an account, or null. */
  error: KeywayError | null;
}

/**
 * A Keyway connection flow for a component: `const { open, ready, error } = useKeywayConnect({
 * sessionToken, baseUrl, onSuccess })`. The flow is set up once the token is known and closed on
 * unmount; to start over with a new token, remount the component (a React `key`).
 */
export function useKeywayConnect(options: UseKeywayConnectOptions): UseKeywayConnect {
  const { open, ready, error } = useConnectClient(options, 'useKeywayConnect');
  return { open, ready, error };
}
