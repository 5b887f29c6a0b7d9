import type { KeywayErrorCode } from './types.js';

export class KeywayError extends Error {
  readonly code: KeywayErrorCode;

  constructor(code: KeywayErrorCode, message: string) {
    super(message);
    this.name = 'KeywayError';
    this.code = code;
  }
}

const CODES: string[] = ['popup_blocked', 'session_expired', 'user_cancelled', 'provider_error', 'network_error',
  'invalid_request', 'credentials_rejected'];

/** Keyway's or a provider's error code as one of ours; `access_denied` is the user declining at the provider. */
export function toCode(raw: unknown, fallback: KeywayErrorCode): KeywayErrorCode {
  return raw === 'access_denied' ? 'user_cancelled' : CODES.includes(raw as string) ? raw as KeywayErrorCode : fallback;
}

/** How a flow that Keyway's portal ran ended, from its `error` (`invalid_grant`, `http_500`, …). */
export function flowError(raw: string, connector: unknown): KeywayError {
  return new KeywayError(toCode(raw, 'provider_error'),
    `${typeof connector == 'string' && connector ? connector : 'the connection'} failed: ${raw}`);
}
