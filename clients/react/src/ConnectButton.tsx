import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useState } from 'react';
import type { UseKeywayConnectOptions } from './useConnectClient';
import { useConnectClient } from './useConnectClient';

export interface ConnectButtonProps extends UseKeywayConnectOptions,
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type' | 'onError'> {
  /** Only this connector (default: the session's list, in the hosted portal). */
  connector?: string;
  /** Only this auth method of `connector`. */
  authMethod?: string;
  children?: ReactNode;
}

/** A button that opens the connection flow (popup by default). Disabled until the session checked out. */
export function ConnectButton(props: ConnectButtonProps) {
  const {
    sessionToken, baseUrl, mode, container, onSuccess, onExit, onEvent, connector, authMethod, children,
    className, disabled, ...button
  } = props;
  const { open, ready } = useConnectClient({ sessionToken, baseUrl, mode, container, onSuccess, onExit, onEvent },
    'ConnectButton');
  const [busy, setBusy] = useState(false);
  return (
    <button
      {...button}
      type="button"
      className={['keyway-button', className].filter(Boolean).join(' ')}
      disabled={disabled || !ready || busy}
      aria-busy={busy || undefined}
      onClick={() => {
        setBusy(true);
        open(connector, authMethod ? { authMethod } : undefined).finally(() => setBusy(false));
      }}
    >
      {children ?? 'Connect an account'}
    </button>
  );
}
