/// The flags of a wavefront-pool entry: bits of one byte, tested and set with plain bit
/// operations (the generic `OptionSet` algebra is slow in unoptimised test builds).
struct WavefrontFlags: Equatable, Sendable {
  var bits: UInt8

  /// No flag.
  static let none = WavefrontFlags(bits: 0)
  /// The slot holds a wavefront.
  static let occupied = WavefrontFlags(bits: 1)
  /// The wavefront may fetch (its previous instruction has progressed far enough).
  static let ready = WavefrontFlags(bits: 2)
  /// The wavefront becomes ready at the next fetch (VALU started, SMRD or vector memory
  /// issued): multi2sim's `ready_next_cycle`.
  static let readyNextCycle = WavefrontFlags(bits: 4)
  /// An `s_waitcnt` holds fetch until every counter is 0.
  static let memoryWait = WavefrontFlags(bits: 8)
  /// The wavefront waits at an `s_barrier`.
  static let atBarrier = WavefrontFlags(bits: 16)
  /// `s_endpgm` has been fetched: nothing more to fetch.
  static let fetchedLast = WavefrontFlags(bits: 32)

  @inline(__always) func contains(_ flag: WavefrontFlags) -> Bool { bits & flag.bits != 0 }
  @inline(__always) mutating func insert(_ flag: WavefrontFlags) { bits |= flag.bits }
  @inline(__always) mutating func remove(_ flag: WavefrontFlags) { bits &= ~flag.bits }
  @inline(__always) func union(_ flag: WavefrontFlags) -> WavefrontFlags { WavefrontFlags(bits: bits | flag.bits) }
  @inline(__always) func subtracting(_ flag: WavefrontFlags) -> WavefrontFlags { WavefrontFlags(bits: bits & ~flag.bits) }
}
