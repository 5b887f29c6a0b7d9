// @keyway/react: a thin React layer over @keyway/connect.
export { useKeywayConnect } from './useKeywayConnect';
export type { UseKeywayConnect, UseKeywayConnectOptions } from './useKeywayConnect';
export { ConnectButton } from './ConnectButton';
export type { ConnectButtonProps } from './ConnectButton';
export { ConnectPanel } from './ConnectPanel';
export type { ConnectPanelProps } from './ConnectPanel';
export { KeywayError } from '@keyway/connect';
export type { AuthField, AuthMethod, ConnectMode, ConnectResult, Connector, KeywayErrorCode, KeywayEvent } from './sdk';
