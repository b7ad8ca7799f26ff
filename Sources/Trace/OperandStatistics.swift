/// Statistics of a layer's real operands, measured by the NN engine on real data.
///
/// Every field is optional: a shape-only trace (from a SCALE-Sim topology) carries none, and
/// each consumer states the default it uses in docs/trace-format.md.
public struct OperandStatistics: Equatable, Hashable, Sendable {
  /// Fraction of input operands that are exactly zero (ReLU zeros, zero pixels), 0...1.
  public var zeroInputFraction: Double?
  /// Fraction of weight operands that are exactly zero, 0...1.
  public var zeroWeightFraction: Double?
  /// Mean number of significant bits of non-zero input operands at the layer's precision.
  public var meanInputBits: Double?
  /// Mean number of significant bits of non-zero weight operands.
  public var meanWeightBits: Double?
  /// Mean fraction of an input word's bits (at the layer's precision) that flip between two
  /// consecutive inputs one NCU receives in an output-stationary order (inputs k and k + 1 of
  /// one input row), 0...1. Absent: 0.5, the activity of uniformly random words.
  public var inputToggleFraction: Double?
  /// Mean fraction of a weight word's bits (at the layer's precision) that flip between
  /// consecutive weights of one neuron (weights k and k + 1), 0...1. Absent: 0.5.
  public var weightToggleFraction: Double?
  /// Mean fraction of an input word's bits that flip between input k of one GEMM row and
  /// input k of the next (the order a weight-stationary NCU receives them), 0...1. Absent:
  /// `inputToggleFraction`.
  public var inputToggleFractionAcrossRows: Double?
  /// Mean fraction of the bits two consecutive neurons' weights k both keep that flip from
  /// one neuron's to the next's (the order an input-stationary NCU receives them), 0...1.
  /// Absent: `weightToggleFraction`.
  public var weightToggleFractionAcrossNeurons: Double?
  /// CANNA hit rate measured on the layer's products, per number of tuning bits, as
  /// `(tuningBits, rate)` pairs sorted by tuning bits.
  public var cannaHitRate: [TuningPoint]
  /// DRUM mean relative error measured on the layer's products, as `(k, error)` pairs sorted
  /// by k; the error is signed, (approx − exact) / exact averaged over non-zero products.
  public var drumMeanRelativeError: [TuningPoint]
  /// How many multiplications the statistics were measured on.
  public var sampledProducts: Int?

  /// One value of a statistic measured at one setting of a method's knob.
  public struct TuningPoint: Equatable, Hashable, Sendable {
    /// The knob: CANNA tuning bits, DRUM k.
    public var setting: Int
    /// The measured value.
    public var value: Double

    /// A point.
    public init(setting: Int, value: Double) {
      self.setting = setting
      self.value = value
    }
  }

  /// Statistics.
  public init(
    zeroInputFraction: Double? = nil, zeroWeightFraction: Double? = nil,
    meanInputBits: Double? = nil, meanWeightBits: Double? = nil,
    inputToggleFraction: Double? = nil, weightToggleFraction: Double? = nil,
    inputToggleFractionAcrossRows: Double? = nil, weightToggleFractionAcrossNeurons: Double? = nil,
    cannaHitRate: [TuningPoint] = [], drumMeanRelativeError: [TuningPoint] = [],
    sampledProducts: Int? = nil
  ) {
    self.zeroInputFraction = zeroInputFraction
    self.zeroWeightFraction = zeroWeightFraction
    self.meanInputBits = meanInputBits
    self.meanWeightBits = meanWeightBits
    self.inputToggleFraction = inputToggleFraction
    self.weightToggleFraction = weightToggleFraction
    self.inputToggleFractionAcrossRows = inputToggleFractionAcrossRows
    self.weightToggleFractionAcrossNeurons = weightToggleFractionAcrossNeurons
    self.cannaHitRate = cannaHitRate.sorted { $0.setting < $1.setting }
    self.drumMeanRelativeError = drumMeanRelativeError.sorted { $0.setting < $1.setting }
    self.sampledProducts = sampledProducts
  }

  /// No measurements.
  public static let none = OperandStatistics()

  /// Whether nothing was measured.
  public var isEmpty: Bool { self == .none }

  /// The switching activity operands have when a trace states none: uniformly random words,
  /// each bit flipping with probability one half (an assumption: docs/trace-format.md).
  public static let uniformToggleFraction = 0.5

  /// The measured CANNA hit rate at `tuningBits`, if measured.
  public func cannaHitRate(tuningBits: Int) -> Double? {
    cannaHitRate.first { $0.setting == tuningBits }?.value
  }

  /// The measured DRUM mean relative error at `k`, if measured.
  public func drumMeanRelativeError(k: Int) -> Double? {
    drumMeanRelativeError.first { $0.setting == k }?.value
  }
}
