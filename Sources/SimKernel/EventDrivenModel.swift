/// A hardware model driven by the event kernel.
///
/// The model is a value owned by the run loop and passed `inout`, so `run` is specialised per
/// model: static dispatch, no reference counting, no dynamic exclusivity checks. A busy
/// component steps its own inner loop inside `handle`; the queue carries only the events
/// between components (layer boundaries, memory responses, activation-unit completions).
public protocol EventDrivenModel {
  /// The model's events: a small enum of trivial payloads.
  associatedtype Event

  /// Reacts to `event` at cycle `now`, scheduling follow-up events and recording activity.
  mutating func handle(
    _ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger)
}

/// Runs events in (cycle, sequence) order until none remain or the next one lies after
/// `limit`; returns the cycle of the last event run.
///
/// Idle time costs nothing: the loop jumps straight to the next pending event.
@inlinable
public func runSimulation<Model: EventDrivenModel>(
  _ model: inout Model, queue: inout EventQueue<Model.Event>, ledger: inout ActivityLedger,
  until limit: Cycle? = nil
) -> Cycle {
  while let next = queue.nextCycle {
    if let limit, next > limit { break }
    guard let event = queue.popNext() else { break }
    model.handle(event.payload, at: event.cycle, queue: &queue, ledger: &ledger)
  }
  return queue.now
}
