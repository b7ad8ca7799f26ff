/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014), the tests' own seeded generator: every
/// random test names its seed, and the same seed replays the same operands.
struct SeededGenerator: RandomNumberGenerator {
  /// The seed this generator started from, for failure messages.
  let seed: UInt64
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  init(seed: UInt64) {
    self.seed = seed
    state = seed
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A uniformly random 23-bit binary32 fraction.
  mutating func nextFraction() -> UInt32 { UInt32(truncatingIfNeeded: next()) & 0x7F_FFFF }

  /// A normal binary32 value with a uniformly random fraction, a random sign and a biased
  /// exponent in 110...145 (|x| within about 2^±18, so no product overflows or underflows).
  mutating func nextNormalFloat() -> Float {
    let exponent = UInt32(110 + next() % 36)
    let sign = UInt32(truncatingIfNeeded: next() & 1) << 31
    return Float(bitPattern: sign | exponent << 23 | nextFraction())
  }
}
