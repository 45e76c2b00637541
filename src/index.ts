// The public server API of the `atoll` package. The client SDK is `atoll/client`.
export { startServer, type AtollServer, type StartOptions } from './server.js';
export { resolveConfig, defaultConfig, ConfigError, type ServerConfig } from './config.js';
