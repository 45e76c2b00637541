// The in-process router: every (service, fragment) has one owner with a bounded FIFO mailbox,
// drained in order. Handlers never run concurrently for the same fragment.
import { fragmentOf } from './placement.js';
import type { SessionAddress, SessionEvent } from '../services/sessions/api.js';
import { OwnerBusyError, type Api, type Handlers, type Router, type SessionSink } from './router.js';

interface Job {
  req: { type: string };
  resolve: ((value: unknown) => void) | null;
  reject: ((err: unknown) => void) | null;
}

/** How many jobs one owner runs before yielding to I/O. */
const DRAIN_BUDGET = 512;
/** A droppable cast is refused when the mailbox is past this share of its limit. */
const DROPPABLE_SHARE = 0.5;

class Owner {
  private queue: Job[] = [];
  private head = 0;
  private scheduled = false;
  /** Requests handled, for the load-skew figures. */
  handled = 0;

  constructor(
    private readonly handlers: Record<string, (req: never) => unknown>,
    private readonly limit: number,
    readonly service: string,
    readonly fragment: number,
  ) {}

  get depth(): number {
    return this.queue.length - this.head;
  }

  enqueue(job: Job, priority: 'droppable' | 'normal' | 'always'): boolean {
    const max = priority === 'droppable' ? this.limit * DROPPABLE_SHARE : priority === 'normal' ? this.limit : Infinity;
    if (this.depth >= max) return false;
    this.queue.push(job);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.drain);
    }
    return true;
  }

  private drain = (): void => {
    let budget = DRAIN_BUDGET;
    while (this.head < this.queue.length && budget-- > 0) {
      const job = this.queue[this.head];
      this.queue[this.head++] = undefined as never;
      this.run(job);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.scheduled = false;
      return;
    }
    if (this.head > 1024) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    setImmediate(this.drain);
  };

  private run(job: Job): void {
    this.handled++;
    const handler = this.handlers[job.req.type];
    try {
      if (!handler) throw new Error(`${this.service} has no handler for ${job.req.type}`);
      const result = handler(job.req as never);
      if (result instanceof Promise) result.then(job.resolve, job.reject ?? logLost);
      else job.resolve?.(result);
    } catch (err) {
      if (job.reject) job.reject(err);
      else logLost(err);
    }
  }
}

function logLost(err: unknown): void {
  // A cast has nobody to answer; surfacing it beats losing it silently.
  process.emitWarning(`atoll: a fire-and-forget request failed: ${(err as Error)?.stack ?? String(err)}`);
}

export interface ServiceSpec<A extends Api> {
  /** Builds the owner state of one fragment. */
  createFragment(fragment: number): Handlers<A>;
}

export class LocalRouter<S extends Record<string, Api>> implements Router<S> {
  private readonly owners = new Map<string, Owner[]>();
  private sessions: SessionSink | null = null;

  constructor(private readonly fragments: number, private readonly seed: number, private readonly mailboxLimit: number) {}

  /** Creates every fragment owner of one service. */
  register<N extends keyof S & string>(service: N, spec: ServiceSpec<S[N]>): void {
    const owners: Owner[] = [];
    for (let f = 0; f < this.fragments; f++) {
      owners.push(new Owner(spec.createFragment(f) as never, this.mailboxLimit, service, f));
    }
    this.owners.set(service, owners);
  }

  fragmentOf(key: string): number {
    return fragmentOf(key, this.fragments, this.seed);
  }

  call<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): Promise<S[N][K]['res']> {
    const owner = this.owner(service, key);
    return new Promise((resolve, reject) => {
      if (!owner.enqueue({ req, resolve: resolve as (v: unknown) => void, reject }, 'normal')) {
        reject(new OwnerBusyError(service, owner.fragment));
      }
    });
  }

  cast<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): void {
    this.owner(service, key).enqueue({ req, resolve: null, reject: null }, 'droppable');
  }

  tell<N extends keyof S & string, K extends keyof S[N] & string>(service: N, key: string, req: { type: K } & S[N][K]['req']): void {
    this.owner(service, key).enqueue({ req, resolve: null, reject: null }, 'always');
  }

  /** The gateway of this node: events addressed to its sessions go there. */
  serveSessions(sink: SessionSink): void {
    this.sessions = sink;
  }

  // Synchronous on one node: the session only queues a frame for its next flush.
  toSession(to: SessionAddress, event: SessionEvent): void {
    if (this.sessions === null || to.node !== this.sessions.node) return;
    this.sessions.deliver(to.id, event);
  }

  /** Requests handled per fragment of a service, for skew figures (max / mean). */
  load(service: keyof S & string): number[] {
    return (this.owners.get(service) ?? []).map((o) => o.handled);
  }

  private owner(service: string, key: string): Owner {
    const owners = this.owners.get(service);
    if (!owners) throw new Error(`no service named ${service} is registered`);
    return owners[fragmentOf(key, this.fragments, this.seed)];
  }
}
