import Trace

/// Prices a network on some hardware: the energy of one inference pass, layer by layer.
///
/// The NN engine knows no hardware model; the layer above (AxSimKit) hands it an estimator
/// built on QCNPE, FlexFlow or the GPU model, so the approximation methods can chase energy
/// without importing a simulator (docs/design.md#data-flows-one-way).
public protocol NetworkEnergyEstimating {
  /// The energy in pJ of each layer of `network` computed under `arithmetic`, for one
  /// inference of the estimator's batch; pooling layers may cost energy too.
  func layerEnergies(of network: Network, arithmetic: NetworkArithmetic) throws(NeuralEngineError) -> [Double]
}

extension NetworkEnergyEstimating {
  /// The total energy in pJ of one inference of `network` under `arithmetic`.
  public func totalEnergy(of network: Network, arithmetic: NetworkArithmetic) throws(NeuralEngineError) -> Double {
    try layerEnergies(of: network, arithmetic: arithmetic).reduce(0, +)
  }
}

/// One point of a method's quality-versus-energy curve.
public struct QualityEnergyPoint: Equatable, Sendable {
  /// The method or baseline (`axnn`, `uniform`, `axnn-no-retrain`).
  public var method: String
  /// What this point is (`iteration 3`, `8 bits`).
  public var setting: String
  /// Held-out accuracy, 0...1.
  public var accuracy: Double
  /// Held-out output error (Brier score).
  public var outputError: Double
  /// Energy of one inference in pJ on the estimator's hardware.
  public var energyPJ: Double
  /// The arithmetic that produced it.
  public var arithmetic: NetworkArithmetic
  /// When `accuracy` is a mean over seeded runs (near-threshold bit flips), the runs'
  /// sample standard deviation (0...1); 0 for a single evaluation.
  public var accuracyStandardDeviation = 0.0
  /// How many seeded runs `accuracy` is the mean of; 1 for a single evaluation.
  public var runs = 1
  /// Accuracy on the training data, 0...1, where the method judged quality there (AxNN's
  /// Algorithm 1 and its baselines); nil otherwise.
  public var trainingAccuracy: Double?

  /// A point of `method`'s curve.
  public init(
    method: String, setting: String, accuracy: Double, outputError: Double, energyPJ: Double, arithmetic: NetworkArithmetic
  ) {
    self.method = method
    self.setting = setting
    self.accuracy = accuracy
    self.outputError = outputError
    self.energyPJ = energyPJ
    self.arithmetic = arithmetic
  }
}
