// atoll/client: the public API of the Atoll client SDK, for Node.js and browsers.
export { Client } from './client.js';
export type {
  ClientOptions, ClientState, ClientEvents, ReceivedMessage, ReceivedReceipt, TypingEvent, PresenceEvent, LoginInfo, SendResult,
} from './client.js';
export type { ServerInfo } from './connection.js';
export { AtollError } from './errors.js';
export { parseServerUrl, ServerUrlError } from './url.js';
export type { ServerTarget } from './url.js';
export type { BackoffOptions } from './backoff.js';
