// The contract between the bench scenarios and a protocol driver (Atoll or XMPP): one BenchConn
// per simulated user, reporting what happens through one shared ConnEvents object per worker.

export interface ConnEvents {
  /** Logged in (or resumed); `startedUs` is when this attempt began. */
  ready(conn: BenchConn, startedUs: number): void;
  /** The attempt failed before login; `retryAfterMs` is set when the server asked to come back later. */
  failed(conn: BenchConn, reason: string, retryAfterMs?: number): void;
  /** A chat message arrived; `id` is the sender's message id, `body` the text it carried. */
  message(conn: BenchConn, id: string, body: string): void;
  /** A receipt (Atoll's "delivered") arrived. */
  receipt(conn: BenchConn): void;
  /** The server made a message durable (Atoll's SendAck). */
  acked(conn: BenchConn, id: string): void;
  /** The server answered a send or other request with an error code. */
  error(conn: BenchConn, code: string): void;
  /** A logged-in connection went away (not by our own close/destroy). */
  closed(conn: BenchConn, reason: string): void;
}

export interface BenchConn {
  readonly user: number;
  readonly isReady: boolean;
  /** Sends not yet acknowledged by the server (always 0 for protocols without acks). */
  readonly unacked: number;
  /** Starts connecting; `register` creates the account first (an existing one is fine). */
  open(register: boolean): void;
  send(toUser: number, id: string, body: string): void;
  heartbeat(): void;
  /** Resolves once the server has processed everything sent so far (acks, or a ping round trip). */
  barrier(): Promise<void>;
  /** Ends the session politely. */
  close(): void;
  /** Drops the socket at once, as a crashed phone or a network cut would. */
  destroy(): void;
}

export interface ConnOptions {
  user: number;
  userName: string;
  password: string;
  localAddress: string | undefined;
}

/** Names of users: a prefix and the global index. */
export function userName(prefix: string, index: number): string {
  return `${prefix}${index}`;
}
