/// CANNA's layer sensitivity analysis (Imani et al., ASP-DAC 2018, Algorithm 2 lines 4–8):
/// one layer at a time at the deepest approximation (0 tuning bits), every other layer exact;
/// the quality each layer loses alone, normalised so the most sensitive layer has C = 1
/// (CANNA Tables II and V).
public struct CANNALayerSensitivity: Equatable, Sendable {
  /// Which quality drop ranks the layers.
  public enum Measure: String, Equatable, Sendable {
    /// The rise of the output error (Brier score). Continuous, so it separates layers even on
    /// a small test split where a whole layer at 0 bits changes only a few predictions (the
    /// default).
    case outputError
    /// The drop of accuracy (the paper's classification error); on a few hundred samples a
    /// single changed prediction is 0.2 % and ties are common.
    case accuracy
  }

  /// One layer's result.
  public struct Layer: Equatable, Sendable {
    /// The layer's index in the network (0-based).
    public var index: Int
    /// Exact accuracy minus accuracy with this layer at 0 tuning bits (fraction, may be < 0).
    public var accuracyDrop: Double
    /// Output error with this layer at 0 tuning bits minus the exact output error (may be < 0).
    public var outputErrorIncrease: Double
    /// The layer's CANNA hit rate at 0 tuning bits on the analysed data (1 unless operands are
    /// denormal, infinite or NaN).
    public var hitRate: Double
    /// The normalised sensitivity C_i in [0, 1]: this layer's drop (under `measure`, negative
    /// drops counted as 0) over the largest drop; 0 for every layer if no layer loses quality.
    public var sensitivity: Double
  }

  /// The exact network's quality on the analysed data.
  public var exact: EvaluationMetrics
  /// Per layer in layer order; nil for layers without products (pooling).
  public var layers: [Layer?]
  /// The measure the sensitivities were normalised on.
  public var measure: Measure

  /// C_i per layer in layer order; nil for layers without products.
  public var sensitivities: [Double?] { layers.map { $0?.sensitivity } }

  /// Runs the analysis of `network` on `data` (the paper's validation data).
  public static func analyze(_ network: Network, on data: Dataset, measure: Measure = .outputError)
    throws(NeuralEngineError) -> CANNALayerSensitivity
  {
    guard data.samples > 0 else { throw .invalidData(file: data.name, message: "no samples to measure layer sensitivity on") }
    var context = EvaluationContext(seed: 0)
    let exact = try network.evaluate(on: data, arithmetic: nil, context: &context)
    var raw: [(index: Int, accuracy: Double, outputError: Double, hitRate: Double)?] = []
    for index in network.layers.indices {
      guard network.layers[index].parameters != nil else {
        raw.append(nil)
        continue
      }
      var bits = [Int?](repeating: nil, count: network.layers.count)
      bits[index] = 0
      let (metrics, usage) = try network.evaluateCANNA(on: data, arithmetic: try network.cannaArithmetic(tuningBits: bits))
      raw.append(
        (index, exact.accuracy - metrics.accuracy, metrics.outputError - exact.outputError, usage.layerHitRates[index] ?? 0))
    }
    let drops = raw.map { entry in entry.map { max(0, measure == .accuracy ? $0.accuracy : $0.outputError) } }
    let largest = drops.compactMap { $0 }.max() ?? 0
    let layers = zip(raw, drops).map { entry, drop -> Layer? in
      guard let entry, let drop else { return nil }
      return Layer(
        index: entry.index, accuracyDrop: entry.accuracy, outputErrorIncrease: entry.outputError, hitRate: entry.hitRate,
        sensitivity: largest > 0 ? drop / largest : 0)
    }
    return CANNALayerSensitivity(exact: exact, layers: layers, measure: measure)
  }
}

/// One CANNA configuration evaluated: per-layer tuning bits, quality, and the hit rates
/// measured on the real operands of the evaluation data.
public struct CANNAPoint: Equatable, Sendable {
  /// What the point is (`uniform 4 bits`, `level 5`).
  public var setting: String
  /// Tuning bits per layer in layer order; nil for layers run exact (pooling).
  public var tuningBits: [Int?]
  /// The per-layer arithmetic, ready to price or to write into a trace.
  public var arithmetic: NetworkArithmetic
  /// Quality on the evaluation data.
  public var metrics: EvaluationMetrics
  /// Exact accuracy minus this accuracy (fraction; the paper's Δe_test).
  public var accuracyLoss: Double
  /// Hits and products per layer on the evaluation data.
  public var usage: CANNAUsage
  /// Whether `accuracyLoss` is within the quality-of-service target.
  public var meetsQoS: Bool

  /// Hit rate per layer (nil for layers without CANNA products).
  public var layerHitRates: [Double?] { usage.layerHitRates }
  /// Hit rate over all products, layers weighted by their product counts.
  public var hitRate: Double { usage.overallHitRate }

  /// Evaluates `network` with `tuningBits` on `data` against the exact accuracy `exactAccuracy`.
  static func evaluate(
    _ network: Network, tuningBits: [Int?], setting: String, on data: Dataset, exactAccuracy: Double, maximumLoss: Double
  ) throws(NeuralEngineError) -> CANNAPoint {
    let arithmetic = try network.cannaArithmetic(tuningBits: tuningBits)
    let (metrics, usage) = try network.evaluateCANNA(on: data, arithmetic: arithmetic)
    let loss = exactAccuracy - metrics.accuracy
    // 1e-9 absorbs rounding in the subtraction; one sample moves accuracy by far more.
    return CANNAPoint(
      setting: setting, tuningBits: tuningBits, arithmetic: arithmetic, metrics: metrics, accuracyLoss: loss, usage: usage,
      meetsQoS: loss <= maximumLoss + 1e-9)
  }

  /// This point priced by `estimator` as a point of a quality-versus-energy curve.
  public func qualityEnergyPoint(method: String, network: Network, estimator: some NetworkEnergyEstimating)
    throws(NeuralEngineError) -> QualityEnergyPoint
  {
    QualityEnergyPoint(
      method: method, setting: setting, accuracy: metrics.accuracy, outputError: metrics.outputError,
      energyPJ: try estimator.totalEnergy(of: network, arithmetic: arithmetic), arithmetic: arithmetic)
  }
}
