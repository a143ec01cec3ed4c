// The one place every run event passes through. Renderers, NDJSON output, the journal and the
// record subscribe here; the executor only emits.
import type { RunEvent } from '../model/events.js';

export type Subscriber = (event: RunEvent) => void;

/** An event as the executor writes it: the bus stamps the time. */
export type NewEvent = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'time'> : never) : never;

export class EventBus {
  private readonly subscribers: Subscriber[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.push(subscriber);
    return () => {
      const index = this.subscribers.indexOf(subscriber);
      if (index >= 0) this.subscribers.splice(index, 1);
    };
  }

  emit(event: NewEvent): RunEvent {
    const stamped = { time: this.now().toISOString(), ...event } as RunEvent;
    for (const subscriber of this.subscribers) subscriber(stamped);
    return stamped;
  }
}
