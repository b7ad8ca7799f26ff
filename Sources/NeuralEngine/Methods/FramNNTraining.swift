/// FramNN training (Imani, Wang, Rosing 2018, §III-B and §IV): the m-bit mantissa multiplier
/// in every product of the forward pass, exact backpropagation (no clipping, no approximation:
/// "there should be no approximation on back-propagation step"), the width following a
/// `FramNNSchedule` over the iterations (one iteration = one SGD batch).
///
/// A network trained so, then run on m-bit hardware, has learned weights for the forward pass
/// it will meet; `compare` measures that against the same network trained exactly.
public struct FramNNTraining: Sendable {
  /// The settings.
  public struct Configuration: Equatable, Sendable {
    /// The widths over training.
    public var schedule: FramNNSchedule
    /// The training settings: T = epochs × batches per epoch. Its arithmetic and clipping are
    /// ignored (FramNN sets the arithmetic and backpropagates exactly).
    public var training: TrainingConfiguration

    /// Settings.
    public init(schedule: FramNNSchedule, training: TrainingConfiguration = TrainingConfiguration()) {
      self.schedule = schedule
      self.training = training
    }
  }

  /// What a run produced.
  public struct Outcome: Sendable {
    /// The trained network.
    public var network: Network
    /// Iterations run at each of the schedule's levels (same order), summing to T.
    public var iterationsPerLevel: [Int]
    /// Mean training loss of each epoch (under the approximate forward pass).
    public var epochLosses: [Double]
  }

  /// FramNN-trained and exactly trained copies of one network, both evaluated at one width.
  public struct Comparison: Equatable, Sendable {
    /// The evaluation width m.
    public var evaluationBits: Int
    /// The exactly trained network at m bits.
    public var exactTrained: EvaluationMetrics
    /// The FramNN-trained network at m bits.
    public var framNNTrained: EvaluationMetrics
    /// FramNN accuracy minus exact-trained accuracy (fraction).
    public var accuracyGain: Double { framNNTrained.accuracy - exactTrained.accuracy }
    /// Exact-trained output error minus FramNN output error (positive: FramNN closer to the labels).
    public var outputErrorGain: Double { exactTrained.outputError - framNNTrained.outputError }
  }

  /// The settings.
  public var configuration: Configuration

  /// FramNN training with `configuration`.
  public init(configuration: Configuration) { self.configuration = configuration }

  /// Trains `network` (fresh or already trained) on `data`.
  public func run(_ network: Network, on data: Dataset) throws(NeuralEngineError) -> Outcome {
    guard data.samples > 0 else { throw .invalidTraining("the training split is empty") }
    var training = configuration.training
    training.arithmetic = nil
    training.clipsApproximateGradients = false
    var session = try TrainingSession(network: network, configuration: training)
    let batches = (data.samples + training.batchSize - 1) / training.batchSize
    let counts = configuration.schedule.iterations(total: training.epochs * batches)
    let arithmetics = configuration.schedule.levels.map { Self.arithmetic(mantissaBits: $0, layers: network.layers.count) }
    var level = 0
    var leftInLevel = counts[0]
    var losses: [Double] = []
    for _ in 1...training.epochs {
      let order = session.shuffledOrder(samples: data.samples)
      var lossSum = 0.0
      var steps = 0
      var start = 0
      while start < order.count {
        while leftInLevel == 0, level + 1 < counts.count {
          level += 1
          leftInLevel = counts[level]
        }
        let end = min(order.count, start + training.batchSize)
        lossSum += try session.step(on: data, indices: order[start..<end], arithmetic: arithmetics[level]).loss
        leftInLevel -= 1
        steps += 1
        start = end
      }
      losses.append(lossSum / Double(max(1, steps)))
    }
    return Outcome(network: session.network, iterationsPerLevel: counts, epochLosses: losses)
  }

  /// The m-bit mantissa multiplier in every layer (exact binary32 at m = 24, bit-identical and
  /// faster); pooling layers ignore it.
  public static func arithmetic(mantissaBits: Int, layers: Int) -> NetworkArithmetic {
    .uniform(mantissaBits >= 24 ? .exact : LayerArithmetic(multiplier: .mantissa(bits: mantissaBits)), layers: layers)
  }

  /// Quality of `network` on `data` with the m-bit multiplier in every layer (1...24).
  public static func evaluate(_ network: Network, on data: Dataset, mantissaBits: Int) throws(NeuralEngineError)
    -> EvaluationMetrics
  {
    guard (1...24).contains(mantissaBits) else {
      throw .invalidArithmetic("mantissa width \(mantissaBits) outside 1...24 (binary32 significand bits, hidden one counted)")
    }
    var context = EvaluationContext(seed: 0)
    return try network.evaluate(
      on: data, arithmetic: arithmetic(mantissaBits: mantissaBits, layers: network.layers.count), context: &context)
  }

  /// Trains `network` twice from the same weights with the same settings and seed, once
  /// exactly and once by this configuration, and evaluates both on `data.test` at
  /// `evaluationBits`.
  public func compare(_ network: Network, data: DatasetSplit, evaluationBits: Int) throws(NeuralEngineError) -> Comparison {
    guard (1...24).contains(evaluationBits) else {
      throw .invalidArithmetic("mantissa width \(evaluationBits) outside 1...24 (binary32 significand bits, hidden one counted)")
    }
    var exactNetwork = network
    var exactTraining = configuration.training
    exactTraining.arithmetic = nil
    try Trainer(configuration: exactTraining).train(&exactNetwork, on: data.train)
    let framNN = try run(network, on: data.train).network
    return Comparison(
      evaluationBits: evaluationBits,
      exactTrained: try Self.evaluate(exactNetwork, on: data.test, mantissaBits: evaluationBits),
      framNNTrained: try Self.evaluate(framNN, on: data.test, mantissaBits: evaluationBits))
  }
}
