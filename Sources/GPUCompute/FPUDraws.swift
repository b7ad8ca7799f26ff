/// The deterministic hit draws of CANNA's approximate mode.
public enum FPUDraws {
  /// The threshold a draw must stay below to hit at `rate`: rate · 2^64, saturated.
  @inlinable
  public static func threshold(hitRate rate: Double) -> UInt64 {
    if rate >= 1 { return UInt64.max }
    if rate <= 0 { return 0 }
    return UInt64(rate * 0x1p64)
  }

  /// Whether the product testing `element` of the tensor `salt` hits: a SplitMix64 finaliser
  /// of the seed, salt and element compared with the threshold.
  ///
  /// A rate of 1 always hits.
  @inlinable @inline(__always)
  public static func hits(seed: UInt64, salt: UInt64, element: Int64, threshold: UInt64) -> Bool {
    if threshold == UInt64.max { return true }
    var z = seed ^ (salt &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: element) &* 0xD1B5_4A32_D192_ED03)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return z < threshold
  }
}
