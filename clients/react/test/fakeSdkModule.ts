// What `@keyway/connect` is in the unit tests: vi.mock('@keyway/connect', () => import('./fakeSdkModule')).
import { vi } from 'vitest';

export class KeywayError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'KeywayError';
    this.code = code;
  }
}

export const createConnect = vi.fn();
