/// One fetched instruction of one wavefront on its way through a compute unit's pipeline.
///
/// A uop sits in exactly one stage buffer at a time, so one `readyCycle` (the cycle its
/// current stage is done) replaces multi2sim's per-stage `fetch_ready`, `issue_ready`,
/// `decode_ready`, … fields. Trivial, so queues of uops never touch reference counts.
struct Uop: Sendable {
  /// The wavefront's slot in the compute unit.
  var wavefront: Int32
  /// The wavefront's age: smaller is older (issue picks the oldest).
  var age: Int32
  /// The instruction's index in the kernel program.
  var instruction: Int32
  /// The loop iteration the instruction belongs to.
  var iteration: Int32
  /// The cycle the uop's current stage is done.
  var readyCycle: Int64
  /// What kind of instruction it is.
  var kind: InstructionKind
  /// Execute latency in cycles (SIMD uops).
  var latency: Int32
  /// Cycles until the SIMD may start another uop (SIMD uops).
  var interval: Int32
  /// Active lanes (LDS and vector-memory uops).
  var activeLanes: Int32
  /// Bytes the uop moves (LDS uops).
  var bytes: Int32
  /// The uop's entry in the compute unit's instruction trace, or -1 when not tracing.
  var traceIndex: Int32

  static let empty = Uop(
    wavefront: -1, age: 0, instruction: 0, iteration: 0, readyCycle: 0, kind: .vectorALU, latency: 0, interval: 0,
    activeLanes: 0, bytes: 0, traceIndex: -1)
}

/// A fixed-capacity FIFO of uops (a stage buffer), backed by a ring that never reallocates.
struct UopQueue: Sendable {
  var storage: [Uop]
  var head = 0
  private(set) var count = 0
  /// The most uops the buffer holds.
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    storage = Array(repeating: .empty, count: max(1, capacity))
  }

  @inline(__always) var isEmpty: Bool { count == 0 }
  @inline(__always) var isFull: Bool { count >= capacity }

  /// The ready cycle of the oldest uop, or `Int64.max` when empty.
  @inline(__always) var headReadyCycle: Int64 { count == 0 ? Int64.max : storage[head].readyCycle }

  /// The oldest uop, if any.
  @inline(__always) var first: Uop? { count == 0 ? nil : storage[head] }

  /// The storage position of the `index`-th oldest uop (a subtraction, not a division: this
  /// runs several times per simulated cycle).
  @inline(__always)
  private func position(_ index: Int) -> Int {
    let raw = head + index
    return raw >= storage.count ? raw - storage.count : raw
  }

  /// The `index`-th oldest uop.
  subscript(index: Int) -> Uop {
    get { storage[position(index)] }
    set { storage[position(index)] = newValue }
  }

  /// Appends `uop`; the caller has checked `isFull`.
  mutating func append(_ uop: Uop) {
    precondition(count < capacity, "stage buffer overflow")
    storage[position(count)] = uop
    count += 1
  }

  /// Moves the oldest uop into `next` when it is ready at `now` and `next` has room, ready
  /// there `delay` cycles later (the pipeline step every unit's stages share); counts the move
  /// and returns the uop, or nil when nothing moved.
  @inline(__always) @discardableResult
  mutating func advanceHead(into next: inout UopQueue, now: Int64, delay: Int64, moves: inout Int) -> Uop? {
    guard count > 0, storage[head].readyCycle <= now, !next.isFull else { return nil }
    var uop = removeFirst()
    uop.readyCycle = now + delay
    next.append(uop)
    moves += 1
    return uop
  }

  /// Removes and returns the oldest uop; the caller has checked `isEmpty`.
  @discardableResult
  mutating func removeFirst() -> Uop {
    let uop = storage[head]
    head = position(1)
    count -= 1
    return uop
  }

  /// Removes the `index`-th oldest uop, keeping the others in order.
  @discardableResult
  mutating func remove(at index: Int) -> Uop {
    let uop = self[index]
    var position = index
    while position + 1 < count {
      self[position] = self[position + 1]
      position += 1
    }
    count -= 1
    return uop
  }
}
