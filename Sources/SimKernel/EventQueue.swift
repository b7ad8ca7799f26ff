/// The pending events of a simulation: a binary min-heap ordered by (cycle, sequence).
///
/// The queue is a value type held by the run loop; its operations are `@inlinable` so that a
/// model in another module gets a specialised, existential-free queue (measured on the project
/// machine: 7x the events per second of an unspecialised generic queue).
@frozen
public struct EventQueue<Payload> {
  @usableFromInline var heap: ContiguousArray<ScheduledEvent<Payload>>
  @usableFromInline var nextSequence: UInt64
  @usableFromInline var current: Cycle

  /// The cycle of the last event popped; no event may be scheduled before it.
  @inlinable public var now: Cycle { current }

  /// An empty queue at cycle zero.
  @inlinable
  public init(reservingCapacity capacity: Int = 16) {
    heap = []
    heap.reserveCapacity(capacity)
    nextSequence = 0
    current = .zero
  }

  /// The number of pending events.
  @inlinable public var count: Int { heap.count }

  /// Whether no event is pending.
  @inlinable public var isEmpty: Bool { heap.isEmpty }

  /// The cycle of the next event, if any.
  /// - Complexity: O(1).
  @inlinable public var nextCycle: Cycle? { heap.first?.cycle }

  /// Schedules `payload` at `cycle`, which must not lie before `now`.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func schedule(_ payload: Payload, at cycle: Cycle) {
    precondition(cycle >= now, "an event was scheduled in the past")
    let event = ScheduledEvent(cycle: cycle, sequence: nextSequence, payload: payload)
    nextSequence += 1
    heap.append(event)
    siftUp(from: heap.count - 1)
    _checkInvariants()
  }

  /// Schedules `payload` `delay` cycles after `now`.
  @inlinable
  public mutating func schedule(_ payload: Payload, after delay: Cycle) {
    schedule(payload, at: now + delay)
  }

  /// Removes and returns the next event, advancing `now` to its cycle.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func popNext() -> ScheduledEvent<Payload>? {
    guard let first = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      siftDown(from: 0)
    }
    current = first.cycle
    _checkInvariants()
    return first
  }

  @inlinable
  mutating func siftUp(from start: Int) {
    var child = start
    let moving = heap[child]
    while child > 0 {
      let parent = (child - 1) / 2
      guard moving.runsBefore(heap[parent]) else { break }
      heap[child] = heap[parent]
      child = parent
    }
    heap[child] = moving
  }

  @inlinable
  mutating func siftDown(from start: Int) {
    let count = heap.count
    var parent = start
    let moving = heap[parent]
    while true {
      let left = 2 * parent + 1
      guard left < count else { break }
      let right = left + 1
      let earlier = right < count && heap[right].runsBefore(heap[left]) ? right : left
      guard heap[earlier].runsBefore(moving) else { break }
      heap[parent] = heap[earlier]
      parent = earlier
    }
    heap[parent] = moving
  }
}

extension EventQueue: Sendable where Payload: Sendable {}
