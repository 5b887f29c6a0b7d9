export { createConnect } from './connect.js';
export { KeywayError } from './error.js';
export type {
  AuthField,
  AuthFieldType,
  AuthMethod,
  AuthMethodType,
  ConnectMode,
  ConnectOptions,
  ConnectResult,
  Connector,
  KeywayConnect,
  KeywayErrorCode,
  KeywayEvent,
  OpenOptions,
} from './types.js';
