/// A small, fast, seedable random number generator (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014; constants as in Vigna's reference code).
///
/// Every random choice in AxSim (training, bit flips, synthesised operands, test shapes)
/// comes from one of these with a stated seed, so the same inputs give the same bytes.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  @inlinable public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// An independent generator derived from this one's next output and `stream`, for giving
  /// each layer, neuron or sweep point its own reproducible sequence.
  @inlinable
  public mutating func split(stream: UInt64 = 0) -> SplitMix64 {
    SplitMix64(seed: next() ^ (stream &* 0xD1B5_4A32_D192_ED03))
  }
}
