// Batches outbound frames: a session with frames to send is marked once, and every marked session
// is flushed once per event-loop turn, so a burst of frames costs one socket write.

export interface Flushable {
  flush(): void;
}

export class OutboxFlusher {
  private dirty: Flushable[] = [];
  private scheduled = false;

  mark(session: Flushable): void {
    this.dirty.push(session);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  }

  private run = (): void => {
    const batch = this.dirty;
    this.dirty = [];
    this.scheduled = false;
    for (const session of batch) session.flush();
  };
}
