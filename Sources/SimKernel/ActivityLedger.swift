/// Counts of what the hardware did: for each counter (a component and an action, such as
/// "NCU multiplier, multiply") and each operand width or width pair, how many times it
/// happened.
///
/// Models write the ledger; the energy stage reads it. Storage is one flat array: each
/// counter owns a block of slots, one per width (or width pair) it can record, so recording
/// is an add into contiguous memory (measured on the project machine: about 90x faster than
/// a dictionary keyed by strings). Names join the counts only when a report is written.
@frozen
public struct ActivityLedger: Equatable, Sendable {
  /// The widest operand recorded, in bits. Width 0 means "no width" (a clock tick).
  public static let maximumBits = 64
  @usableFromInline static let widthSlots = maximumBits + 1

  @usableFromInline var counts: [UInt64]
  @usableFromInline let offsets: [Int]
  @usableFromInline let arities: [UInt8]

  /// An empty ledger whose counter `i` records `widthArities[i]` operand widths (0, 1 or 2).
  public init(widthArities: [Int]) {
    var offsets: [Int] = []
    var total = 0
    for arity in widthArities {
      precondition((0...2).contains(arity), "a counter records 0, 1 or 2 widths")
      offsets.append(total)
      total += arity == 0 ? 1 : arity == 1 ? ActivityLedger.widthSlots : ActivityLedger.widthSlots * ActivityLedger.widthSlots
    }
    self.offsets = offsets
    self.arities = widthArities.map { UInt8($0) }
    counts = Array(repeating: 0, count: total)
  }

  /// How many counters the ledger holds.
  public var counterCount: Int { offsets.count }

  @inlinable @inline(__always)
  func slot(counter: Int, bitsA: Int, bitsB: Int) -> Int {
    precondition(
      bitsA >= 0 && bitsA <= ActivityLedger.maximumBits && bitsB >= 0 && bitsB <= ActivityLedger.maximumBits,
      "operand width outside 0...64 bits")
    switch arities[counter] {
    case 0: return offsets[counter]
    case 1: return offsets[counter] + bitsA
    default: return offsets[counter] + bitsA * ActivityLedger.widthSlots + bitsB
    }
  }

  /// Records `count` occurrences of `counter` at operand widths `bitsA` × `bitsB` (widths the
  /// counter does not record are ignored). Traps on overflow: a wrapped count would be a wrong
  /// energy, not a value.
  @inlinable @inline(__always)
  public mutating func add(_ count: UInt64, to counter: Int, bitsA: Int = 0, bitsB: Int = 0) {
    counts[slot(counter: counter, bitsA: bitsA, bitsB: bitsB)] += count
  }

  /// The count recorded for `counter` at `bitsA` × `bitsB`.
  @inlinable
  public func count(of counter: Int, bitsA: Int = 0, bitsB: Int = 0) -> UInt64 {
    counts[slot(counter: counter, bitsA: bitsA, bitsB: bitsB)]
  }

  /// The total recorded for `counter` over all widths.
  public func total(of counter: Int) -> UInt64 {
    let end = counter + 1 < offsets.count ? offsets[counter + 1] : counts.count
    return counts[offsets[counter]..<end].reduce(0, +)
  }

  /// Every non-zero count, ordered by counter, then `bitsA`, then `bitsB`.
  public var records: [ActivityRecord] {
    var result: [ActivityRecord] = []
    for counter in offsets.indices {
      let start = offsets[counter]
      let end = counter + 1 < offsets.count ? offsets[counter + 1] : counts.count
      for slot in start..<end where counts[slot] != 0 {
        let local = slot - start
        let (bitsA, bitsB): (Int, Int)
        switch arities[counter] {
        case 0: (bitsA, bitsB) = (0, 0)
        case 1: (bitsA, bitsB) = (local, 0)
        default: (bitsA, bitsB) = (local / ActivityLedger.widthSlots, local % ActivityLedger.widthSlots)
        }
        result.append(ActivityRecord(counter: counter, bitsA: bitsA, bitsB: bitsB, count: counts[slot]))
      }
    }
    return result
  }

  /// Adds every count of `other`, which must follow the same schema.
  public mutating func merge(_ other: ActivityLedger) {
    precondition(other.offsets == offsets && other.arities == arities, "ledgers of different schemas")
    for index in counts.indices where other.counts[index] != 0 { counts[index] += other.counts[index] }
  }

  /// Sets every count to zero, keeping the storage.
  public mutating func reset() {
    for index in counts.indices { counts[index] = 0 }
  }
}

/// One non-zero entry of an `ActivityLedger`.
public struct ActivityRecord: Equatable, Hashable, Sendable {
  /// The counter's index in the model's schema.
  public var counter: Int
  /// The width of the first operand in bits (0 when the action has no width).
  public var bitsA: Int
  /// The width of the second operand in bits (0 when the action has one or no operand).
  public var bitsB: Int
  /// How many times it happened.
  public var count: UInt64

  /// A record.
  public init(counter: Int, bitsA: Int, bitsB: Int, count: UInt64) {
    self.counter = counter
    self.bitsA = bitsA
    self.bitsB = bitsB
    self.count = count
  }
}
