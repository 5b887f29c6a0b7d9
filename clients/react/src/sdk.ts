// The types this package uses from @keyway/connect, in one place.
export type {
  AuthField, AuthMethod, ConnectMode, ConnectResult, Connector, KeywayConnect, KeywayErrorCode, KeywayEvent,
} from '@keyway/connect';
