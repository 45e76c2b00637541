// How a service reaches a live connection without holding the socket: push frames, ask whether
// the connection is congested (droppable traffic is skipped then), or close it with an error.
import type { ErrorCode, Frame } from '../protocol/framing.js';

export interface SessionRef {
  /** Unique per node process. */
  readonly id: number;
  /** Queues a server-initiated frame for the connection; false if the connection is gone. */
  push(frame: Frame): boolean;
  /** True while the connection's outbound buffer is backed up: skip typing and presence blips. */
  congested(): boolean;
  /** Deliveries stopped because the connection is congested: ask the inbox to pump again once
   *  the buffer drains (or close the connection as a slow consumer if it never does). */
  resumeWhenDrained(): void;
  /** Sends a fatal error and closes the connection. */
  kick(code: ErrorCode, message: string): void;
}
