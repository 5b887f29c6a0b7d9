// The public types of @keyway/connect. Field names follow Keyway's JSON contract
// (GET /v1/connect/session); one name per concept, as in ARCHITECTURE.md.

export type KeywayErrorCode =
  | 'popup_blocked'
  | 'session_expired'
  | 'user_cancelled'
  | 'provider_error'
  | 'network_error'
  | 'invalid_request'
  | 'credentials_rejected';

/** Everything the SDK reports, in order: `ready` once the session has been read, then the outcomes. */
export type KeywayEvent =
  | { type: 'ready' }
  | { type: 'connected'; linkedAccountId: string; connector: string }
  /** The popup or modal was closed (by the user, or by `close()`) without a linked account. */
  | { type: 'closed' }
  | { type: 'error'; code: KeywayErrorCode; message: string };

export interface ConnectResult {
  linkedAccountId: string;
  connector: string;
}

export type ConnectMode = 'popup' | 'iframe' | 'redirect';

export interface ConnectOptions {
  /** The connect session token your backend minted: `POST /v1/connect-sessions` → `token`. */
  sessionToken: string;
  /** Keyway's public URL, e.g. `https://keyway.example.com` (locally `http://127.0.0.1:3000`). */
  baseUrl: string;
  onEvent?: (e: KeywayEvent) => void;
  /** How the hosted portal opens; default `popup`. */
  mode?: ConnectMode;
  /** The iframe modal's parent; default `document.body`. */
  container?: HTMLElement;
}

export interface OpenOptions {
  /** An auth method id of the connector (`Connector.authMethods[].id`); skips the method choice. */
  authMethod?: string;
}

export interface KeywayConnect {
  /**
   * Opens the hosted portal (the connector list, or one connector). Resolves once an account is
   * linked; rejects with a KeywayError. Call it straight from a click handler, awaiting nothing
   * first, or the browser blocks the popup. In `redirect` mode the page navigates away and the
   * promise never settles: call `resume()` when the page loads again.
   */
  open(connectorKey?: string, opts?: OpenOptions): Promise<ConnectResult>;
  /** The connectors this session offers, with their auth methods and form fields. */
  listConnectors(): Promise<Connector[]>;
  /** Links an API-key / basic / client-credentials account from your own form. Nothing typed is logged or kept. */
  submitCredentials(
    connectorKey: string,
    authMethod: string,
    fields: Record<string, string>,
    connectionConfig?: Record<string, string>,
  ): Promise<ConnectResult>;
  /** After a redirect flow: the result carried by this page's URL (checked with Keyway), else the session's; null when there is none. */
  resume(): Promise<ConnectResult | null>;
  /** Ends the open flow: closes the popup or modal, stops polling; a pending `open()` rejects with `user_cancelled`. */
  close(): void;
}

export type AuthMethodType =
  | 'OAUTH2'
  | 'API_KEY'
  | 'BASIC'
  | 'OAUTH2_CLIENT_CREDENTIALS'
  | 'JWT_BEARER'
  | 'MTLS'
  /** Fields the connector declares (a database, an SFTP server…): see `AuthField.type`. */
  | 'CUSTOM';

/** How a declared (CUSTOM) field is typed in; null for the fixed credential fields (text). */
export type AuthFieldType = 'string' | 'secret' | 'number' | 'boolean' | 'pem' | 'json';

export interface AuthField {
  name: string;
  label: string;
  help: string | null;
  /** Render as a password input; never store or log it. */
  secret: boolean;
  /** A connection-config value (e.g. `subdomain`): send it in `connectionConfig`, not `fields`. */
  config: boolean;
  pattern: string | null;
  example: string | null;
  defaultValue: string | null;
  /** A declared field's type (pem and json: multi-line; boolean: "true" or "false"); null for fixed fields. */
  type?: AuthFieldType | null;
  /** False when the field may be left empty (then leave it out). */
  required?: boolean;
}

export interface AuthMethod {
  id: string;
  type: AuthMethodType;
  label: string;
  /** Keyway checks the credentials with the provider before storing them. */
  verifiable: boolean;
  fields: AuthField[];
}

export interface Connector {
  key: string;
  displayName: string;
  /** `#RRGGBB` or null. */
  color: string | null;
  description: string | null;
  authMethods: AuthMethod[];
}
