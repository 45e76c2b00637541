// Parses and validates the server URL a client connects to, for the SDK and the CLI alike.

export type ServerTarget =
  | { kind: 'ws'; secure: boolean; url: string; host: string; port: number; path: string }
  | { kind: 'tcp'; secure: boolean; url: string; host: string; port: number };

const ACCEPTED = 'ws://host:port[/path], wss://host:port[/path], tcp://host:port or tls://host:port';
const DEFAULT_WS_PATH = '/v1/ws';

export class ServerUrlError extends Error {
  constructor(url: string, why: string) {
    super(`invalid server URL ${JSON.stringify(url)}: ${why}; expected ${ACCEPTED}`);
    this.name = 'ServerUrlError';
  }
}

/** Validates `url` and splits it into what a transport needs. Throws ServerUrlError. */
export function parseServerUrl(url: string): ServerTarget {
  if (typeof url !== 'string' || url.trim() === '') throw new ServerUrlError(String(url), 'it is empty');
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ServerUrlError(url, 'it is not a URL');
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (!['ws', 'wss', 'tcp', 'tls'].includes(scheme)) throw new ServerUrlError(url, `unsupported scheme "${scheme}:"`);
  if (parsed.username !== '' || parsed.password !== '') throw new ServerUrlError(url, 'credentials do not belong in the URL');
  if (parsed.hostname === '') throw new ServerUrlError(url, 'the host is missing');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (scheme === 'tcp' || scheme === 'tls') return parseTcp(url, parsed, scheme, host);
  return parseWs(url, parsed, scheme, host);
}

function parseTcp(url: string, parsed: URL, scheme: string, host: string): ServerTarget {
  if (parsed.port === '') throw new ServerUrlError(url, `${scheme}:// needs an explicit port`);
  if (parsed.pathname !== '' && parsed.pathname !== '/') throw new ServerUrlError(url, `${scheme}:// takes no path`);
  if (parsed.search !== '' || parsed.hash !== '') throw new ServerUrlError(url, `${scheme}:// takes no query or fragment`);
  const port = checkPort(url, parsed.port);
  const secure = scheme === 'tls';
  return { kind: 'tcp', secure, url: `${scheme}://${parsed.host}`, host, port };
}

function parseWs(url: string, parsed: URL, scheme: string, host: string): ServerTarget {
  const secure = scheme === 'wss';
  const port = parsed.port === '' ? (secure ? 443 : 80) : checkPort(url, parsed.port);
  if (parsed.hash !== '') throw new ServerUrlError(url, 'a WebSocket URL takes no fragment');
  const path = parsed.pathname === '' || parsed.pathname === '/' ? DEFAULT_WS_PATH : parsed.pathname;
  return { kind: 'ws', secure, url: `${scheme}://${parsed.host}${path}${parsed.search}`, host, port, path };
}

function checkPort(url: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ServerUrlError(url, `port ${text} is not from 1 to 65535`);
  return port;
}
