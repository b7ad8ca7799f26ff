/// CANNA's layer-based inference approximation (Imani et al., ASP-DAC 2018, Algorithm 2), with
/// the uniform baseline it is compared against (CANNA §V-C, Fig. 6).
///
/// ```
/// C ← layer sensitivities (one layer at 0 tuning bits, the rest exact; validation data)
/// for level L = 0, 1, 2, …                       (deep → light approximation)
///   bits_i ← clamp(L − round(spread · (1 − C_i)), 0, maxBits)
///   if exact accuracy − accuracy(bits) ≤ QoS on the test data: return bits
/// ```
/// The most sensitive layer (C = 1) runs at L bits, a layer of sensitivity C at
/// `round(spread · (1 − C))` bits fewer. The paper gives no formula for "quantize the
/// sensitivity value to the hardware with the closest approximation level"; the offset rule
/// with spread 3 reproduces every configuration of its Table II from its sensitivities
/// (1, 0.52, 0.34, 0.89 → m, m − 1, m − 2, m). Every layer's bits rise with L, and passing
/// n + 1 tuning bits implies passing n, so hit rates only fall along the search: the first
/// configuration meeting the target is the deepest on this path.
///
/// The uniform baseline runs every layer at n bits for n = 0, 1, …, maxBits and keeps the
/// first n meeting the same target.
public struct CANNALayerBasedApproximation: Sendable {
  /// The settings.
  public struct Configuration: Equatable, Sendable {
    /// The largest accepted drop of test accuracy against the exact network (fraction; 0 is
    /// the paper's "0 % quality loss").
    public var maximumAccuracyLoss: Double
    /// How many tuning bits a layer of sensitivity 0 runs below the most sensitive layer (3
    /// fits CANNA Table II).
    public var spread: Double
    /// The most tuning bits any layer may get (0...22).
    public var maximumTuningBits: Int
    /// The measure that ranks layers.
    public var measure: CANNALayerSensitivity.Measure

    /// Settings; defaults follow CANNA where it gives them.
    public init(
      maximumAccuracyLoss: Double = 0.01, spread: Double = 3, maximumTuningBits: Int = 22,
      measure: CANNALayerSensitivity.Measure = .outputError
    ) {
      self.maximumAccuracyLoss = maximumAccuracyLoss
      self.spread = spread
      self.maximumTuningBits = maximumTuningBits
      self.measure = measure
    }

    /// Checks every setting's range.
    public func validate() throws(NeuralEngineError) {
      guard maximumAccuracyLoss >= 0, maximumAccuracyLoss <= 1 else {
        throw .invalidArithmetic("CANNA quality target \(maximumAccuracyLoss) outside 0...1 (a fraction of accuracy)")
      }
      guard spread >= 0, spread <= 22 else { throw .invalidArithmetic("CANNA spread \(spread) outside 0...22 tuning bits") }
      guard (0...22).contains(maximumTuningBits) else {
        throw .invalidArithmetic("CANNA maximum tuning bits \(maximumTuningBits) outside 0...22 (the 23-bit fraction)")
      }
    }
  }

  /// What a run produced.
  public struct Outcome: Equatable, Sendable {
    /// The sensitivity analysis.
    public var sensitivity: CANNALayerSensitivity
    /// The exact network's quality on the test data.
    public var exact: EvaluationMetrics
    /// The chosen layer-based configuration; nil if none meets the target up to the maximum
    /// tuning bits (run exact).
    public var layerBased: CANNAPoint?
    /// The most approximate uniform configuration meeting the target; nil if none does.
    public var uniform: CANNAPoint?
    /// Every layer-based configuration tried, deep to light, ending with the chosen one.
    public var layerBasedSearch: [CANNAPoint]
    /// Every uniform configuration tried, deep to light, ending with the chosen one.
    public var uniformSearch: [CANNAPoint]

    /// Both searches priced by `estimator` (methods `canna-layer` and `canna-uniform`).
    public func curve(network: Network, estimator: some NetworkEnergyEstimating) throws(NeuralEngineError) -> [QualityEnergyPoint]
    {
      var points: [QualityEnergyPoint] = []
      for point in layerBasedSearch {
        points.append(try point.qualityEnergyPoint(method: "canna-layer", network: network, estimator: estimator))
      }
      for point in uniformSearch {
        points.append(try point.qualityEnergyPoint(method: "canna-uniform", network: network, estimator: estimator))
      }
      return points
    }
  }

  /// The settings.
  public var configuration: Configuration

  /// The method with `configuration`.
  public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

  /// Algorithm 2 on the trained `network`: sensitivities on `validation`, the quality target
  /// and hit rates on `test`.
  public func run(_ network: Network, validation: Dataset, test: Dataset) throws(NeuralEngineError) -> Outcome {
    try configuration.validate()
    let sensitivity = try CANNALayerSensitivity.analyze(network, on: validation, measure: configuration.measure)
    var context = EvaluationContext(seed: 0)
    let exact = try network.evaluate(on: test, arithmetic: nil, context: &context)
    let limit = configuration.maximumTuningBits
    var layerSearch: [CANNAPoint] = []
    var chosen: CANNAPoint?
    let topLevel = limit + Int(configuration.spread.rounded(.up))
    for level in 0...topLevel {
      let bits = tuningBits(level: level, sensitivities: sensitivity.sensitivities)
      if let previous = layerSearch.last, previous.tuningBits == bits { continue }
      let point = try CANNAPoint.evaluate(
        network, tuningBits: bits, setting: "level \(level)", on: test, exactAccuracy: exact.accuracy,
        maximumLoss: configuration.maximumAccuracyLoss)
      layerSearch.append(point)
      if point.meetsQoS {
        chosen = point
        break
      }
    }
    let (uniform, uniformSearch) = try Self.uniformBaseline(
      network, on: test, exactAccuracy: exact.accuracy, maximumAccuracyLoss: configuration.maximumAccuracyLoss,
      maximumTuningBits: limit)
    return Outcome(
      sensitivity: sensitivity, exact: exact, layerBased: chosen, uniform: uniform, layerBasedSearch: layerSearch,
      uniformSearch: uniformSearch)
  }

  /// Algorithm 2 with the test split as both validation and test data (the paper's test-set
  /// check; use `run(_:validation:test:)` to keep them apart).
  public func run(_ network: Network, data: DatasetSplit) throws(NeuralEngineError) -> Outcome {
    try run(network, validation: data.test, test: data.test)
  }

  /// The tuning bits of search level `level`: clamp(level − round(spread · (1 − C_i)), 0,
  /// maxBits) per layer with a sensitivity; nil (exact) for layers without products.
  public func tuningBits(level: Int, sensitivities: [Double?]) -> [Int?] {
    sensitivities.map { sensitivity in
      guard let sensitivity else { return nil }
      let offset = Int((configuration.spread * (1 - min(1, max(0, sensitivity)))).rounded())
      return min(configuration.maximumTuningBits, max(0, level - offset))
    }
  }

  /// The uniform baseline: every layer at n = 0, 1, …, `maximumTuningBits` tuning bits, until
  /// test accuracy is within `maximumAccuracyLoss` of `exactAccuracy`. Returns the chosen point
  /// (nil if none qualifies) and every point tried.
  public static func uniformBaseline(
    _ network: Network, on test: Dataset, exactAccuracy: Double, maximumAccuracyLoss: Double, maximumTuningBits: Int
  ) throws(NeuralEngineError) -> (chosen: CANNAPoint?, search: [CANNAPoint]) {
    guard (0...22).contains(maximumTuningBits) else {
      throw .invalidArithmetic("CANNA maximum tuning bits \(maximumTuningBits) outside 0...22 (the 23-bit fraction)")
    }
    var search: [CANNAPoint] = []
    for bits in 0...maximumTuningBits {
      let perLayer: [Int?] = network.layers.map { $0.parameters == nil ? nil : bits }
      let point = try CANNAPoint.evaluate(
        network, tuningBits: perLayer, setting: "uniform \(bits) bits", on: test, exactAccuracy: exactAccuracy,
        maximumLoss: maximumAccuracyLoss)
      search.append(point)
      if point.meetsQoS { return (point, search) }
    }
    return (nil, search)
  }
}
