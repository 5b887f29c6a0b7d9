import { type ReactNode, useEffect, useId, useState } from 'react';
import { KeywayError } from '@keyway/connect';
import type { UseKeywayConnectOptions } from './useConnectClient';
import { toKeywayError, useConnectClient } from './useConnectClient';
import type { Connector, ConnectResult } from './sdk';
import { CredentialsForm } from './CredentialsForm';
import { userMessage } from './messages';

export interface ConnectPanelProps extends UseKeywayConnectOptions {
  /** The panel's heading (default "Connect your accounts"). */
  title?: ReactNode;
  /** The heading's level (default 2); each connector's name is one level below. */
  headingLevel?: 1 | 2 | 3 | 4 | 5;
  className?: string;
}

type Heading = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/** Once a connector is linked, connecting another account is the lesser action. */
const buttonClass = (linked: string | undefined) => (linked ? 'keyway-button keyway-button-secondary' : 'keyway-button');

/**
 * The session's connectors, in your page: API-key, basic and client-credential forms inline
 * (sent with submitCredentials, no redirect), OAuth connectors through the popup (or the mode you
 * pass). Style it with the `--keyway-*` CSS variables of `@keyway/react/styles.css`.
 */
export function ConnectPanel(props: ConnectPanelProps) {
  const { title = 'Connect your accounts', headingLevel = 2, className, ...options } = props;
  const [connected, setConnected] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const [connectors, setConnectors] = useState<Connector[] | null>(null);
  const [loadError, setLoadError] = useState<KeywayError | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [flowErrors, setFlowErrors] = useState<Record<string, string>>({});
  const id = useId();

  const markConnected = (result: ConnectResult) => {
    setConnected((before) => ({ ...before, [result.connector]: result.linkedAccountId }));
    setExpanded((key) => (key === result.connector ? null : key));
    const name = connectors?.find((c) => c.key === result.connector)?.displayName ?? result.connector;
    setAnnouncement(`Connected to ${name}.`);
  };
  const { client, error, start, succeed, fail } = useConnectClient({
    ...options,
    onSuccess: (result) => {
      markConnected(result);
      options.onSuccess?.(result);
    },
  }, 'ConnectPanel');

  useEffect(() => {
    if (!client) return undefined;
    let live = true;
    // The same read the flow makes when it starts (the SDK shares it); a failure also reaches onExit from there.
    client.listConnectors().then((list) => {
      if (live) setConnectors(list);
    }, (e: unknown) => {
      if (live) setLoadError(toKeywayError(e));
    });
    return () => {
      live = false;
    };
  }, [client]);

  const H = `h${headingLevel}` as Heading;
  const Item = `h${Math.min(headingLevel + 1, 6)}` as Heading;
  const classes = ['keyway-panel', className].filter(Boolean).join(' ');

  async function runOAuth(connector: Connector, authMethod: string) {
    setFlowErrors(({ [connector.key]: _, ...rest }) => rest);
    const outcome = await start(connector.key, { authMethod });
    if (outcome instanceof KeywayError) {
      const message = userMessage(outcome, connector.displayName);
      if (message) setFlowErrors((before) => ({ ...before, [connector.key]: message }));
    }
  }

  async function submit(connector: Connector, authMethod: string, fields: Record<string, string>,
                        config: Record<string, string>) {
    if (!client) throw new KeywayError('invalid_request', 'the connect flow is not set up');
    try {
      const hasConfig = Object.keys(config).length > 0;
      succeed(await client.submitCredentials(connector.key, authMethod, fields, hasConfig ? config : undefined));
    } catch (e) {
      const err = toKeywayError(e);
      // A refused key is for the user to fix in the form; the flow itself goes on.
      if (err.code !== 'credentials_rejected' && err.code !== 'invalid_request') fail(err);
      throw err;
    }
  }

  // Nothing to list: the session could not be read, or the flow could not even be set up.
  const problem = loadError ?? (client ? null : error);
  let body: ReactNode;
  if (problem) {
    body = <p className="keyway-error" role="alert">{userMessage(problem, null)}</p>;
  } else if (!connectors) {
    body = <p className="keyway-loading">Loading…</p>;
  } else if (connectors.length === 0) {
    body = <p className="keyway-empty">There is nothing to connect.</p>;
  } else {
    body = (
      <ul className="keyway-connectors">
        {connectors.map((c) => {
          const oauth = c.authMethods.filter((m) => m.type === 'OAUTH2');
          const forms = c.authMethods.filter((m) => m.type !== 'OAUTH2');
          const direct = forms.length === 0 && oauth.length === 1 ? oauth[0] : null;
          const detailsId = `${id}-${c.key}`;
          const isOpen = expanded === c.key;
          const linked = connected[c.key];
          return (
            <li key={c.key} className="keyway-connector" data-connector={c.key}
              data-state={linked ? 'connected' : undefined}>
              <div className="keyway-connector-head">
                <svg className="keyway-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <rect width="16" height="16" rx="4" fill={c.color ?? undefined} />
                  <text x="8" y="11.4" textAnchor="middle" className="keyway-swatch-letter" fill={ink(c.color)}>
                    {initial(c.displayName)}
                  </text>
                </svg>
                <div className="keyway-connector-text">
                  <Item className="keyway-connector-name">{c.displayName}</Item>
                  {c.description && <p className="keyway-connector-description">{c.description}</p>}
                </div>
                {linked && <span className="keyway-badge">Connected</span>}
                {direct ? (
                  <button type="button" className={buttonClass(linked)} onClick={() => runOAuth(c, direct.id)}
                    aria-label={`${linked ? 'Connect another' : 'Connect'} ${c.displayName}`}>
                    {linked ? 'Connect another' : 'Connect'}
                  </button>
                ) : (
                  <button type="button" className={buttonClass(linked)} aria-expanded={isOpen} aria-controls={detailsId}
                    onClick={() => setExpanded(isOpen ? null : c.key)}
                    aria-label={`${linked ? 'Connect another' : 'Connect'} ${c.displayName}`}>
                    {linked ? 'Connect another' : 'Connect'}
                  </button>
                )}
              </div>
              {flowErrors[c.key] && <p className="keyway-error" role="alert">{flowErrors[c.key]}</p>}
              {!direct && (
                <div id={detailsId} className="keyway-connector-body" hidden={!isOpen}>
                  {isOpen && oauth.map((m) => (
                    <button key={m.id} type="button" className="keyway-button keyway-button-secondary"
                      onClick={() => runOAuth(c, m.id)}>
                      {m.label}
                    </button>
                  ))}
                  {isOpen && forms.length > 0 && (
                    <CredentialsForm connector={c} methods={forms}
                      submit={(authMethod, fields, config) => submit(c, authMethod, fields, config)} />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className={classes} aria-labelledby={`${id}-title`} aria-busy={!connectors && !problem ? true : undefined}>
      <H id={`${id}-title`} className="keyway-panel-title">{title}</H>
      {body}
      <p className="keyway-visually-hidden" role="status">{announcement}</p>
    </section>
  );
}

/** The badge's letter: the name's first letter or digit. */
function initial(name: string): string {
  return (name.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toUpperCase();
}

/** A letter readable on the brand colour: dark on light colours, white otherwise (and on the theme's accent). */
function ink(color: string | null): string {
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return '#ffffff';
  const n = parseInt(color.slice(1), 16);
  return 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) > 160 ? '#1a1a1a' : '#ffffff';
}
