/**
 * Locks on traces within this process, so that its own deliveries of one trace (children,
 * then their root) are attributed one after the other. They are taken in order, so two
 * holders never wait for each other, and a group waits only at the first trace that another
 * holds: the rest of the traffic goes on around it. Other replicas are not excluded; see
 * TelemetryIngest's look after committing.
 */
export class TraceLocks {
  private readonly held = new Map<string, Promise<void>>();

  /** Waits until these traces are free, takes them, and returns how to let them go. */
  async acquire(traceIds: Iterable<string>): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>(resolve => (release = resolve));
    const taken: string[] = [];
    for (const traceId of [...new Set(traceIds)].sort()) {
      for (
        let holder = this.held.get(traceId);
        holder;
        holder = this.held.get(traceId)
      ) {
        await holder;
      }
      this.held.set(traceId, released);
      taken.push(traceId);
    }
    return () => {
      for (const traceId of taken) this.held.delete(traceId);
      release();
    };
  }
}
