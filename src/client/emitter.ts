// A tiny typed event emitter: the client must run in browsers, so it cannot use node:events.
// A throwing listener must not corrupt the client's state, so its error is rethrown on its own.

export type Listener<T> = (value: T) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  /**
   * Called when a listener throws. By default the error is rethrown from a fresh task, where it
   * surfaces as an uncaught exception (as with node:events) without breaking the caller.
   */
  onListenerError: (error: unknown, event: keyof Events) => void = (error) => {
    setTimeout(() => { throw error; }, 0);
  };

  private readonly listeners = new Map<keyof Events, Listener<never>[]>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(event, list);
    this.listenerAdded(event);
    return this;
  }

  /** Called after a listener was added (a subclass may have events waiting for one). */
  protected listenerAdded(_event: keyof Events): void {}

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const list = this.listeners.get(event);
    if (list === undefined) return this;
    const at = list.indexOf(listener as Listener<never>);
    if (at >= 0) list.splice(at, 1);
    return this;
  }

  /** Listens for the next occurrence only. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const wrapper: Listener<Events[K]> = (value) => {
      this.off(event, wrapper);
      listener(value);
    };
    return this.on(event, wrapper);
  }

  listenerCount<K extends keyof Events>(event: K): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const list = this.listeners.get(event);
    if (list === undefined) return;
    // Copy: a listener may add or remove listeners while we iterate.
    for (const listener of [...list] as Listener<Events[K]>[]) {
      try {
        listener(value);
      } catch (err) {
        // The application's bug must not abort the protocol code that emitted the event.
        this.onListenerError(err, event);
      }
    }
  }
}
