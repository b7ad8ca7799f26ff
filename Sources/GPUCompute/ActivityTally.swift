import SimKernel

/// Counts of one compute unit's activity, indexed by `GPUCounter`, flushed into a ledger
/// once the compute unit is done (the hot loop never touches the ledger).
struct ActivityTally: Equatable, Sendable {
  var counts = Array(repeating: UInt64(0), count: GPUCounter.allCases.count)
  /// The significand bits of the FramNN products counted in `multiplyMantissa`.
  var mantissaBits = 24

  @inline(__always)
  mutating func add(_ counter: GPUCounter, _ count: Int) {
    counts[counter.rawValue] &+= UInt64(count)
  }

  /// Adds `copies` × every count into `ledger`.
  func record(into ledger: inout ActivityLedger, copies: Int = 1) {
    for counter in GPUCounter.allCases where counts[counter.rawValue] != 0 {
      let count = counts[counter.rawValue] * UInt64(copies)
      if counter == .multiplyMantissa {
        ledger.add(count, to: counter.rawValue, bitsA: mantissaBits, bitsB: mantissaBits)
      } else {
        ledger.add(count, to: counter.rawValue)
      }
    }
  }
}
