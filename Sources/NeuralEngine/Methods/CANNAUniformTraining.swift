/// CANNA's uniform training baseline (CANNA §V-B, Table IV "Uniform"): the hardware
/// approximation is fixed for the whole training run. For n = 0, 1, … tuning bits it trains
/// the same initial network with every forward multiply on the CFPU at n bits (exact
/// backpropagation, as GTA here) and keeps the first n whose trained network, evaluated
/// exactly, is within the quality target of exact training: the configuration GTA is compared
/// against at equal quality.
public enum CANNAUniformTraining {
  /// One uniform training run.
  public struct Run: Equatable, Sendable {
    /// Tuning bits during the whole run.
    public var tuningBits: Int
    /// Test quality of the trained network, evaluated exactly.
    public var metrics: EvaluationMetrics
    /// CANNA hits and products of the run's forward passes, per layer.
    public var usage: CANNAUsage
    /// SGD iterations run.
    public var iterations: Int
    /// Whether the trained network is within the target.
    public var meetsQoS: Bool
  }

  /// Trains `initial` at n = 0, 1, …, `maximumTuningBits` with `training` (its arithmetic is
  /// replaced) until a run's exact test accuracy is at most `maximumAccuracyLoss` below
  /// `exactAccuracy`; returns every run, the last one being the first that meets the target
  /// (or the one at the maximum when none does).
  public static func search(
    _ initial: Network, data: DatasetSplit, training: TrainingConfiguration, exactAccuracy: Double, maximumAccuracyLoss: Double,
    maximumTuningBits: Int = 22
  ) throws(NeuralEngineError) -> [Run] {
    guard (0...22).contains(maximumTuningBits) else {
      throw .invalidTraining("uniform training maximum tuning bits \(maximumTuningBits) outside 0...22 (the 23-bit fraction)")
    }
    var configuration = training
    configuration.arithmetic = nil
    configuration.clipsApproximateGradients = false
    var runs: [Run] = []
    for bits in 0...maximumTuningBits {
      let arithmetic = try initial.cannaArithmetic(tuningBits: initial.layers.map { _ in bits })
      var session = try TrainingSession(network: initial, configuration: configuration)
      var iterations = 0
      for _ in 0..<configuration.epochs {
        let order = session.shuffledOrder(samples: data.train.samples)
        var start = 0
        while start < order.count {
          let end = min(order.count, start + configuration.batchSize)
          try session.step(on: data.train, indices: order[start..<end], arithmetic: arithmetic)
          iterations += 1
          start = end
        }
      }
      var context = EvaluationContext(seed: 0)
      let metrics = try session.network.evaluate(on: data.test, arithmetic: nil, context: &context)
      // 1e-9 absorbs rounding in the subtraction; one test sample moves accuracy by far more.
      let meets = exactAccuracy - metrics.accuracy <= maximumAccuracyLoss + 1e-9
      runs.append(
        Run(tuningBits: bits, metrics: metrics, usage: session.context.cannaUsage, iterations: iterations, meetsQoS: meets))
      if meets { break }
    }
    return runs
  }
}
