import type { KeywayError } from '@keyway/connect';

/**
 * What the end user reads when a flow fails, by error code. The SDK's own message is written for
 * the developer (it says which call to fix); the page shows these instead.
 */
export function userMessage(error: KeywayError, displayName: string | null): string | null {
  const name = displayName ?? 'The service';
  switch (error.code) {
    case 'credentials_rejected':
      return `${name} did not accept these credentials. Check them and try again.`;
    case 'session_expired':
      return 'This connection link has expired. Reload the page to start again.';
    case 'popup_blocked':
      return 'Your browser blocked the sign-in window. Allow pop-ups for this site, then try again.';
    case 'user_cancelled':
      return null; // the user chose to stop: nothing to tell them
    case 'provider_error':
      return `${name} couldn't complete the connection. Try again in a moment.`;
    case 'network_error':
      return "Keyway couldn't be reached. Check your connection and try again.";
    case 'invalid_request':
    default:
      return `The connection could not be set up: ${error.message}`;
  }
}
