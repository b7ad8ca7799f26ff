/// An event waiting in an `EventQueue`: a payload due at `cycle`.
///
/// Events due at the same cycle run in the order they were scheduled (`sequence`), the FIFO
/// tie-break of SimPy and NeXosim. gem5 runs ties LIFO; either is deterministic, the point
/// is to choose one and say so.
@frozen
public struct ScheduledEvent<Payload> {
  /// When the event is due.
  public let cycle: Cycle
  /// The position of the event in scheduling order; breaks ties between equal cycles.
  public let sequence: UInt64
  /// What happens.
  public let payload: Payload

  /// An event.
  @inlinable
  public init(cycle: Cycle, sequence: UInt64, payload: Payload) {
    self.cycle = cycle
    self.sequence = sequence
    self.payload = payload
  }

  /// Whether this event runs before `other`: earlier cycle, or same cycle and scheduled first.
  @inlinable @inline(__always)
  public func runsBefore(_ other: ScheduledEvent) -> Bool {
    cycle.rawValue < other.cycle.rawValue
      || (cycle.rawValue == other.cycle.rawValue && sequence < other.sequence)
  }
}

extension ScheduledEvent: Sendable where Payload: Sendable {}
