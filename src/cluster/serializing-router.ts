// An in-process router that encodes every request and every reply to bytes and decodes it again
// before handing it on, as a router between processes must. Running a node on it proves that
// nothing live (a socket, a session object, a callback) crosses the seam between services.
import { LocalRouter, type ServiceSpec } from './local-router.js';
import { decodePlainData, encodePlainData } from './plain-data.js';
import type { SessionAddress, SessionEvent } from '../services/sessions/api.js';
import type { Api, Router, SessionSink } from './router.js';

export class SerializingRouter<S extends Record<string, Api>> implements Router<S> {
  private readonly inner: LocalRouter<S>;

  constructor(fragments: number, seed: number, mailboxLimit: number) {
    this.inner = new LocalRouter<S>(fragments, seed, mailboxLimit);
  }

  register<N extends keyof S & string>(service: N, spec: ServiceSpec<S[N]>): void {
    this.inner.register(service, spec);
  }

  serveSessions(sink: SessionSink): void {
    this.inner.serveSessions(sink);
  }

  toSession(to: SessionAddress, event: SessionEvent): void {
    this.inner.toSession(roundTrip(to, 'session address'), roundTrip(event, `session event ${event.type}`));
  }

  fragmentOf(key: string): number {
    return this.inner.fragmentOf(key);
  }

  load(service: keyof S & string): number[] {
    return this.inner.load(service);
  }

  async call<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): Promise<S[N][K]['res']> {
    const reply = await this.inner.call(service, key, roundTrip(req, `${service}.${req.type}`));
    return roundTrip(reply, `reply to ${service}.${req.type}`);
  }

  tell<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): void {
    this.inner.tell(service, key, roundTrip(req, `${service}.${req.type}`));
  }

  cast<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): void {
    this.inner.cast(service, key, roundTrip(req, `${service}.${req.type}`));
  }
}

function roundTrip<T>(value: T, path: string): T {
  return decodePlainData(encodePlainData(value, path)) as T;
}
