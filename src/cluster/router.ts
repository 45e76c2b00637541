// The one way services reach each other: typed requests addressed by (service, key). The key
// (a user id) picks the fragment; the fragment's owner handles requests one at a time, in order.
// On one node the router is an in-process call through the owner's mailbox (local-router.ts);
// in a cluster it will be a NATS subject. Service code never knows which.
import type { SessionAddress, SessionEvent } from '../services/sessions/api.js';

/** A service's API: request type name -> request fields and reply. */
export type Api = Record<string, { req: object; res: unknown }>;

/** The discriminated union of a service's requests. */
export type RequestOf<A extends Api> = { [K in keyof A & string]: { type: K } & A[K]['req'] }[keyof A & string];

/** What an owner implements: one handler per request type. Handlers change state synchronously
 *  and may return a promise that settles when the change is durable. */
export type Handlers<A extends Api> = { [K in keyof A & string]: (req: { type: K } & A[K]['req']) => A[K]['res'] | Promise<A[K]['res']> };

export interface Router<S extends Record<string, Api>> {
  /** Sends a request to the owner of `key` in `service` and waits for its reply. */
  call<N extends keyof S & string, K extends keyof S[N] & string>(
    service: N, key: string, req: { type: K } & S[N][K]['req'],
  ): Promise<S[N][K]['res']>;
  /** Fire and forget, never dropped, past the mailbox limit: for requests that release state
   *  (detach, unsubscribe, acks), which must not be refused when an owner is busy. */
  tell<N extends keyof S & string, K extends keyof S[N] & string>(
    service: N, key: string, req: { type: K } & S[N][K]['req'],
  ): void;
  /** Fire and forget, for droppable traffic (typing, presence blips): dropped when the owner is busy. */
  cast<N extends keyof S & string, K extends keyof S[N] & string>(
    service: N, key: string, req: { type: K } & S[N][K]['req'],
  ): void;
  /** Hands an event to a live session, on whichever node holds it. Events from one owner to one
   *  session arrive in order and are never dropped in transit (the session itself drops droppable
   *  ones while its connection is backed up); an address whose session is gone is ignored. */
  toSession(to: SessionAddress, event: SessionEvent): void;
}

/** What a node's gateway gives the router: the node's name and a way to hand an event to one of its sessions. */
export interface SessionSink {
  node: string;
  deliver(id: string, event: SessionEvent): void;
}

/** The owner's mailbox is full: the caller should answer SERVER_BUSY. */
export class OwnerBusyError extends Error {
  constructor(readonly service: string, readonly fragment: number) {
    super(`${service} fragment ${fragment} is overloaded`);
    this.name = 'OwnerBusyError';
  }
}
