/// The largest workloads a trace may describe. Limits are explicit so that an absurd input
/// (a 10^9-wide layer, a typo adding three zeros) ends with a clear error instead of an
/// overflow or an hour-long run. docs/limits.md lists them.
public enum TraceLimits {
  /// Largest size of any single dimension (features, channels, height, width, batch, M, N, K).
  public static let maximumDimension = 1 << 24
  /// Most multiply-accumulates in one layer (2^50 ≈ 1.1 × 10^15, about 300 ResNet-50s).
  public static let maximumMACsPerLayer = 1 << 50
  /// Most layers in one trace.
  public static let maximumLayers = 100_000
  /// Widest operand precision in bits.
  public static let maximumBits = 32
}
