import Trace

/// How one layer's products are computed in the forward pass: the operand precision, the
/// multiplier, and the weight storage. Mirrors what a trace records, so a network evaluated
/// under an arithmetic is described by the same words it is simulated with.
///
/// | setting | forward pass |
/// |---|---|
/// | `precision == nil`, `.exact` | IEEE binary32 products |
/// | `precision` set, `.exact` | dynamic fixed point: operands quantised to 16-bit words (a format per tensor), then truncated to each neuron's input and weight bits |
/// | `.drum(k)` | DRUM-k on the 16-bit fixed-point words (or `precision` bits) |
/// | `.canna(n)` | CANNA's FP multiplier with n tuning bits, input kept, weight tested |
/// | `.mantissa(m)` | FramNN's multiplier keeping m significand bits |
/// | `weightStorage` | weights stored as 16-bit fixed-point words in near-threshold SRAM: bits flip on reads |
public struct LayerArithmetic: Equatable, Hashable, Sendable {
  /// Operand precision for fixed-point products; nil for floating point.
  public var precision: LayerPrecision?
  /// The multiplier.
  public var multiplier: ApproximationSettings.Multiplier
  /// Near-threshold weight storage, if any.
  public var weightStorage: WeightStorage?

  /// An arithmetic.
  public init(
    precision: LayerPrecision? = nil, multiplier: ApproximationSettings.Multiplier = .exact, weightStorage: WeightStorage? = nil
  ) {
    self.precision = precision
    self.multiplier = multiplier
    self.weightStorage = weightStorage
  }

  /// Exact IEEE float products from exactly stored weights.
  public static let exact = LayerArithmetic()

  /// Fixed point at `bits` for inputs and weights.
  public static func fixedPoint(bits: Int) -> LayerArithmetic {
    LayerArithmetic(precision: LayerPrecision(inputBits: bits, weightBits: bits))
  }

  /// Whether the forward pass is anything but exact float products of exact weights.
  public var isApproximate: Bool { self != .exact }
}

/// Weights stored in SRAM at a near-threshold supply (AxTrain §3.2).
public struct WeightStorage: Equatable, Hashable, Sendable {
  /// When flips are drawn.
  public enum Mode: String, Equatable, Hashable, Sendable {
    /// A fresh flip mask on every read (training: AxTrain-pas).
    case perAccess
    /// One mask per stored word for the whole run (evaluation: persistent cell failures).
    case persistent
  }

  /// The supply in volts.
  public var volts: Double
  /// When flips are drawn.
  public var mode: Mode

  /// Storage at `volts`.
  public init(volts: Double, mode: Mode) {
    self.volts = volts
    self.mode = mode
  }
}

/// The arithmetic of every layer of a network (pooling layers ignore theirs).
public struct NetworkArithmetic: Equatable, Hashable, Sendable {
  /// One per layer, in layer order.
  public var layers: [LayerArithmetic]

  /// An arithmetic per layer.
  public init(layers: [LayerArithmetic]) { self.layers = layers }

  /// The same arithmetic for all `count` layers.
  public static func uniform(_ arithmetic: LayerArithmetic, layers count: Int) -> NetworkArithmetic {
    NetworkArithmetic(layers: Array(repeating: arithmetic, count: count))
  }

  /// Exact everywhere.
  public static func exact(layers count: Int) -> NetworkArithmetic { uniform(.exact, layers: count) }
}
