// Reads one connection: its bytes split into frames and decoded, in order, for the session to
// dispatch; and its socket paused while any reason to hold is set (bytes read meanwhile wait,
// unsplit, and are handled in order once none is left) or while the session is busy.
import { FrameSplitter, decodeFrame, type DecodedFrame } from '../protocol/framing.js';
import type { GatewayContext } from './context.js';
import { CLOSED_TRANSPORT, type Transport } from './transport.js';

const CLOSED_SPLITTER = new FrameSplitter(0);

/** What the reader needs of its connection. */
export interface ReaderHost {
  readonly alive: boolean;
  /** Reasons besides holds not to read (too many requests in flight, sends waiting for the rate). */
  readonly busy: boolean;
  onFrame(frame: DecodedFrame): void;
  /** Splitting, decoding or handling a frame threw (a FramingError for a bad or oversized frame). */
  readFailed(err: unknown): void;
}

export class FrameReader {
  private splitter: FrameSplitter;
  /** Reasons to stop reading (bits); while any is set, bytes already read wait in `held`. */
  private holds = 0;
  /** Bytes read but not split yet, in order, kept while `holds` is set (views of received chunks). */
  private held: Uint8Array[] | null = null;
  /** Whether the socket is currently paused (see update). */
  private paused = false;

  constructor(private transport: Transport, private readonly ctx: GatewayContext, private readonly host: ReaderHost) {
    // Small frames until login: a client that has proven nothing may not make the server buffer much.
    this.splitter = new FrameSplitter(ctx.config.maxPreLoginFrameBytes);
  }

  set maxFrameBytes(bytes: number) {
    this.splitter.maxFrameBytes = bytes;
  }

  /** Bytes from the socket: any number of frames, possibly split anywhere. */
  push(chunk: Uint8Array): void {
    // Bytes that come in after the socket was paused (a WebSocket may still hand over what it had
    // buffered) wait behind the rest.
    if (this.holds !== 0) {
      (this.held ??= []).push(chunk);
      return;
    }
    this.split(chunk);
  }

  holding(reason: number): boolean {
    return (this.holds & reason) !== 0;
  }

  hold(reason: number): void {
    this.holds |= reason;
    this.update();
  }

  /** Ends one reason to hold; when none is left, what was read meanwhile is handled, in order. */
  unhold(reason: number): void {
    if ((this.holds & reason) === 0) return;
    this.holds &= ~reason;
    if (this.holds !== 0 || !this.host.alive) return;
    const held = this.held ?? [];
    this.held = null;
    for (let i = 0; i < held.length; i++) {
      if (!this.host.alive) return;
      if (this.holds !== 0) {
        // Held again by one of them: the rest keeps waiting, in order.
        (this.held ??= []).push(...held.slice(i));
        return;
      }
      this.split(held[i]);
    }
    this.update();
  }

  /** The session's mailbox is bounded: it stops reading while too much waits, and reads again after. */
  update(): void {
    if (!this.host.alive) return;
    const pause = this.host.busy || this.holds !== 0;
    if (pause === this.paused) return;
    this.paused = pause;
    if (pause) this.transport.pause();
    else this.transport.resume();
  }

  /** The connection is gone: drop what is unread and let go of the socket. */
  close(): void {
    this.transport = CLOSED_TRANSPORT;
    this.splitter = CLOSED_SPLITTER;
    this.holds = 0;
    this.held = null;
  }

  private split(chunk: Uint8Array): void {
    try {
      const rest = this.splitter.push(chunk, this.onFrameBytes);
      if (rest !== null && this.host.alive) (this.held ??= []).push(rest);
    } catch (err) {
      this.host.readFailed(err);
    }
  }

  /**
   * One frame; false stops the splitter (a hold began), so the rest of the chunk waits unsplit:
   * a paused connection adds at most one request past its limit, not a whole chunk of them.
   */
  private onFrameBytes = (bytes: Uint8Array): boolean => {
    if (!this.host.alive) return false;
    this.ctx.metrics.counts.framesIn++;
    this.host.onFrame(decodeFrame(bytes));
    return this.holds === 0 && this.host.alive;
  };
}
