// What a Session needs from its socket, whichever it is (TCP, TLS, WebSocket).

export interface Transport {
  /** Writes bytes holding one or more whole frames. */
  write(bytes: Uint8Array): void;
  /** Bytes written but not yet handed to the kernel. */
  bufferedBytes(): number;
  /** Calls `fn` once everything written so far has been handed to the kernel. */
  whenDrained(fn: () => void): void;
  /** Stops reading from the peer (its requests back up in the kernel, then in the client). */
  pause(): void;
  resume(): void;
  /** Flushes what is buffered, then closes. */
  end(): void;
  /** Closes at once, dropping what is buffered. */
  destroy(): void;
  readonly remote: string;
}

/** What a closed connection holds instead of its socket: it does nothing, so nothing keeps the socket alive. */
export const CLOSED_TRANSPORT: Transport = {
  write: () => undefined, bufferedBytes: () => 0, whenDrained: () => undefined, pause: () => undefined,
  resume: () => undefined, end: () => undefined, destroy: () => undefined, remote: 'closed',
};
