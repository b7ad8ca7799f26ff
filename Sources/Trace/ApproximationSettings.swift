/// How a layer's arithmetic and storage are approximated, with each method's knob.
public struct ApproximationSettings: Equatable, Hashable, Sendable {
  /// The multiplier used for the layer's products.
  public enum Multiplier: Equatable, Hashable, Sendable {
    /// An exact multiplier (fixed point at the layer's precision, or IEEE float on a GPU).
    case exact
    /// DRUM-k (Hashemi et al., ICCAD 2015): k significant bits of each operand.
    case drum(k: Int)
    /// CANNA's configurable FP multiplier with `tuningBits` tuning bits.
    case canna(tuningBits: Int)
    /// FramNN's multiplier keeping `bits` significand bits (hidden one included).
    case mantissa(bits: Int)

    /// The name in the trace format.
    public var kindName: String {
      switch self {
      case .exact: return "exact"
      case .drum: return "drum"
      case .canna: return "canna"
      case .mantissa: return "mantissa"
      }
    }
  }

  /// The multiplier.
  public var multiplier: Multiplier
  /// The supply voltage of the weight storage in volts; nil means nominal.
  public var weightSRAMVoltage: Double?

  /// Settings.
  public init(multiplier: Multiplier = .exact, weightSRAMVoltage: Double? = nil) {
    self.multiplier = multiplier
    self.weightSRAMVoltage = weightSRAMVoltage
  }

  /// No approximation.
  public static let exact = ApproximationSettings()
}
