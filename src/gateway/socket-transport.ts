// A TCP or TLS socket as a Session's Transport, and the socket's events fed to its Session.
// One small object per connection with its methods on the prototype, and listeners shared by
// every socket: per-connection arrow functions (ten, with their context) cost about 0.7 KB each.
import type net from 'node:net';
import type { Transport } from './transport.js';

/** How long a socket that was ended may wait for its peer to read what is left. */
const END_LINGER_MS = 5000;

export class SocketTransport implements Transport {
  constructor(private readonly socket: net.Socket) {}

  write(bytes: Uint8Array): void {
    // Past end() a write only builds an error with a stack trace: 5,000 of them made a stop miss its deadline.
    if (this.socket.writable) this.socket.write(bytes);
  }

  bufferedBytes(): number {
    return this.socket.writableLength;
  }

  whenDrained(fn: () => void): void {
    if (this.socket.writableLength === 0) setImmediate(fn);
    else this.socket.once('drain', fn);
  }

  end(): void {
    const socket = this.socket;
    socket.end();
    // A peer that never reads must not keep the socket open.
    setTimeout(() => socket.destroy(), END_LINGER_MS).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Made when asked (logs, per-address limits): the socket keeps the address it was accepted from. */
  get remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}

/** What a socket's events go to (the Session). */
export interface SocketReceiver {
  onBytes(chunk: Uint8Array): void;
  closed(): void;
}

const RECEIVER = Symbol('atoll.receiver');
type Carrier = net.Socket & { [RECEIVER]?: SocketReceiver };

function onData(this: Carrier, chunk: Buffer): void {
  this[RECEIVER]!.onBytes(chunk);
}

function onClose(this: Carrier): void {
  this[RECEIVER]!.closed();
}

function onError(this: net.Socket): void {
  this.destroy();
}

/** Feeds the socket's bytes and its close to `receiver`; an error destroys the socket (its close follows). */
export function attachSocket(socket: net.Socket, receiver: SocketReceiver): void {
  (socket as Carrier)[RECEIVER] = receiver;
  socket.on('data', onData);
  socket.on('close', onClose);
  socket.on('error', onError);
}
