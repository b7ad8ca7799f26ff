import SimKernel
import Trace

/// AxNN (Venkataramani et al., ISLPED 2014, Algorithm 1): approximate the neurons that matter
/// least, retrain, repeat while quality holds.
///
/// ```
/// repeat
///   E ← energy of each layer (QCNPE's model, through the estimator)
///   L ← the most energy-hungry layer that still has a neuron above the lowest precision
///   Δ ← average |∂E/∂z| of each neuron of L over the training set (backpropagation)
///   every neuron with Δ(N) < α · mean(Δ) drops one precision step
///   retrain K epochs with the approximations in place
/// while quality on the training data stays within the constraint
/// return the last network that met it, with its per-neuron precisions
/// ```
/// Quality is checked on the training data, as Algorithm 1 takes only TrData; the test split
/// is touched only to report. Two baselines from the paper come with it: every neuron at one
/// precision (`uniformCurve`), and AxNN without retraining (`retrains = false`). A third one
/// separates neuron selection from retraining: every neuron at one precision, retrained with
/// AxNN's whole retraining budget (`retrainedUniformCurve`).
public struct AxNN: Sendable {
  /// The settings.
  public struct Configuration: Equatable, Sendable {
    /// Neurons whose error is below α × the layer's mean error are resilient. The paper gives
    /// no value; 3 protects the few neurons far above the mean and lets the per-step quality
    /// check decide about the rest (docs/methods.md compares α = 1, 2, 3).
    public var alpha: Double
    /// Retraining epochs after each approximation step (the paper's K; 2 in its experiments).
    public var retrainEpochs: Int
    /// Precision steps, widest first; a neuron moves one step per iteration.
    public var precisionSteps: [Int]
    /// The largest drop of training-data accuracy accepted (0.005: the paper's < 0.5 %).
    public var maximumAccuracyLoss: Double
    /// Whether to retrain after each step (false: the paper's "AxNN without retraining").
    public var retrains: Bool
    /// Whether the first step that breaks the quality constraint ends the run (Algorithm 1 as
    /// printed); otherwise that step is undone, its neurons keep their precision, and the
    /// remaining neurons are tried (the default: small networks have few resilient neurons per
    /// layer, and stopping at the first failure leaves most of them untried).
    public var stopsAtFirstFailure: Bool
    /// At most this many iterations.
    public var maximumIterations: Int
    /// The training settings for retraining (epochs are replaced by `retrainEpochs`).
    public var training: TrainingConfiguration

    /// Settings; defaults follow the paper where it gives them.
    public init(
      alpha: Double = 3.0, retrainEpochs: Int = 2, precisionSteps: [Int] = [16, 12, 10, 8, 6, 5, 4, 3, 2],
      maximumAccuracyLoss: Double = 0.005, retrains: Bool = true, stopsAtFirstFailure: Bool = false, maximumIterations: Int = 60,
      training: TrainingConfiguration = TrainingConfiguration(learningRate: 0.01)
    ) {
      self.alpha = alpha
      self.retrainEpochs = retrainEpochs
      self.precisionSteps = precisionSteps
      self.maximumAccuracyLoss = maximumAccuracyLoss
      self.retrains = retrains
      self.stopsAtFirstFailure = stopsAtFirstFailure
      self.maximumIterations = maximumIterations
      self.training = training
    }
  }

  /// What a run produced.
  public struct Outcome: Sendable {
    /// The approximated (and retrained) network.
    public var network: Network
    /// Its per-neuron precision.
    public var arithmetic: NetworkArithmetic
    /// Every accepted iteration (and the exact start), with held-out quality and energy; each
    /// point's `trainingAccuracy` is the quality the run judged.
    public var curve: [QualityEnergyPoint]
    /// Epochs of retraining spent, rejected steps included (K per step tried; 0 without
    /// retraining): the budget a fair retrained baseline gets.
    public var retrainingEpochs: Int
  }

  /// The settings.
  public var configuration: Configuration

  /// AxNN with `configuration`.
  public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

  /// Runs Algorithm 1 on `network`, trained on `data.train` (which also judges quality),
  /// pricing energy with `estimator`; the curve's accuracies are on `data.test`.
  public func run(_ network: Network, data: DatasetSplit, estimator: some NetworkEnergyEstimating, label: String = "axnn")
    throws(NeuralEngineError) -> Outcome
  {
    // Algorithm 1 checks quality on its training data (TrData); the test split only reports.
    let training = data.train
    let steps = configuration.precisionSteps
    var precisions = network.layers.map { Array(repeating: 0, count: $0.neuronCount) }  // indices into steps
    var current = network
    var context = EvaluationContext(seed: 0)
    let baseline = try current.evaluate(on: training, arithmetic: AxNN.arithmetic(precisions, steps, current), context: &context)
    var curve = [
      try point(
        current, precisions, data.test, estimator, label: label, setting: "exact (16 bits)", trainingAccuracy: baseline.accuracy)
    ]
    var retrainingEpochs = 0
    var accepted = (current, precisions)
    var frozen = network.layers.map { Array(repeating: false, count: $0.neuronCount) }
    for iteration in 1...configuration.maximumIterations {
      let arithmetic = AxNN.arithmetic(precisions, steps, current)
      let energies = try estimator.layerEnergies(of: current, arithmetic: arithmetic)
      let errors = try AxNN.neuronErrors(current, arithmetic: arithmetic, data: training)
      // The hungriest layer that can still be approximated: a resilient neuron above the floor.
      let order = energies.indices.sorted { energies[$0] > energies[$1] }
      var target: (layer: Int, neurons: [Int])?
      for layer in order where current.layers[layer].parameters != nil {
        let delta = errors[layer]
        let mean = delta.reduce(0, +) / Double(max(1, delta.count))
        let resilient = delta.indices.filter {
          delta[$0] < configuration.alpha * mean && precisions[layer][$0] + 1 < steps.count && !frozen[layer][$0]
        }
        if !resilient.isEmpty {
          target = (layer, resilient)
          break
        }
      }
      guard let target else { break }
      var candidate = current
      var candidatePrecisions = precisions
      for neuron in target.neurons { candidatePrecisions[target.layer][neuron] += 1 }
      if configuration.retrains {
        var retraining = configuration.training
        retraining.epochs = configuration.retrainEpochs
        retraining.seed = configuration.training.seed &+ UInt64(iteration)
        retraining.arithmetic = AxNN.arithmetic(candidatePrecisions, steps, candidate)
        try Trainer(configuration: retraining).train(&candidate, on: training)
        retrainingEpochs += configuration.retrainEpochs
      }
      var checkContext = EvaluationContext(seed: 0)
      let quality = try candidate.evaluate(
        on: training, arithmetic: AxNN.arithmetic(candidatePrecisions, steps, candidate), context: &checkContext)
      guard baseline.accuracy - quality.accuracy <= configuration.maximumAccuracyLoss else {
        if configuration.stopsAtFirstFailure { break }
        for neuron in target.neurons { frozen[target.layer][neuron] = true }
        continue
      }
      current = candidate
      precisions = candidatePrecisions
      accepted = (current, precisions)
      curve.append(
        try point(
          current, precisions, data.test, estimator, label: label,
          setting: "iteration \(iteration): layer \(target.layer + 1), \(target.neurons.count) neurons",
          trainingAccuracy: quality.accuracy))
    }
    return Outcome(
      network: accepted.0, arithmetic: AxNN.arithmetic(accepted.1, steps, accepted.0), curve: curve,
      retrainingEpochs: retrainingEpochs)
  }

  /// The paper's uniform baseline: every neuron at each precision in turn, no retraining.
  public static func uniformCurve(
    _ network: Network, data: DatasetSplit, precisions: [Int], estimator: some NetworkEnergyEstimating
  )
    throws(NeuralEngineError) -> [QualityEnergyPoint]
  {
    var points: [QualityEnergyPoint] = []
    for bits in precisions {
      let arithmetic = NetworkArithmetic.uniform(.fixedPoint(bits: bits), layers: network.layers.count)
      points.append(try uniformPoint(network, arithmetic, data: data, estimator: estimator, method: "uniform", bits: bits))
    }
    return points
  }

  /// The fair uniform baseline: for each precision, every neuron at it and the network
  /// retrained from `network` with that precision in place for `epochs` epochs (pass AxNN's
  /// `retrainingEpochs`, so both spend the same retraining), with `training`'s other settings
  /// (straight-through gradients, as AxNN retrains). Precisions are independent runs from the
  /// same start and seed.
  ///
  /// With `target` (the exact network's training accuracy and the largest loss), precisions are
  /// tried narrowest first and the sweep stops at the first that meets the target: every
  /// narrower one has then failed, and energy only grows with width, so it is the cheapest
  /// that meets it, found without retraining the wider ones.
  public static func retrainedUniformCurve(
    _ network: Network, data: DatasetSplit, precisions: [Int], epochs: Int, training: TrainingConfiguration,
    estimator: some NetworkEnergyEstimating, target: (trainingAccuracy: Double, maximumLoss: Double)? = nil
  ) throws(NeuralEngineError) -> [QualityEnergyPoint] {
    var points: [QualityEnergyPoint] = []
    for bits in target == nil ? precisions : precisions.sorted() {
      let arithmetic = NetworkArithmetic.uniform(.fixedPoint(bits: bits), layers: network.layers.count)
      var retrained = network
      if epochs > 0 {
        var settings = training
        settings.epochs = epochs
        settings.arithmetic = arithmetic
        try Trainer(configuration: settings).train(&retrained, on: data.train)
      }
      let point = try uniformPoint(
        retrained, arithmetic, data: data, estimator: estimator, method: "uniform retrained", bits: bits)
      points.append(point)
      if let target, target.trainingAccuracy - (point.trainingAccuracy ?? 0) <= target.maximumLoss { break }
    }
    return target == nil ? points : points.reversed()
  }

  /// The cheapest of `points` whose training accuracy is within `maximumLoss` of
  /// `referenceTrainingAccuracy`: Algorithm 1's acceptance rule, applied to any curve.
  public static func cheapestMeetingTarget(
    _ points: [QualityEnergyPoint], referenceTrainingAccuracy: Double, maximumLoss: Double
  ) -> QualityEnergyPoint? {
    points.filter { point in
      guard let accuracy = point.trainingAccuracy else { return false }
      return referenceTrainingAccuracy - accuracy <= maximumLoss
    }.min { $0.energyPJ < $1.energyPJ }
  }

  static func uniformPoint(
    _ network: Network, _ arithmetic: NetworkArithmetic, data: DatasetSplit, estimator: some NetworkEnergyEstimating,
    method: String, bits: Int
  ) throws(NeuralEngineError) -> QualityEnergyPoint {
    var context = EvaluationContext(seed: 0)
    let quality = try network.evaluate(on: data.test, arithmetic: arithmetic, context: &context)
    var trainingContext = EvaluationContext(seed: 0)
    var point = QualityEnergyPoint(
      method: method, setting: "\(bits) bits", accuracy: quality.accuracy, outputError: quality.outputError,
      energyPJ: try estimator.totalEnergy(of: network, arithmetic: arithmetic), arithmetic: arithmetic)
    point.trainingAccuracy = try network.evaluate(on: data.train, arithmetic: arithmetic, context: &trainingContext).accuracy
    return point
  }

  func point(
    _ network: Network, _ precisions: [[Int]], _ test: Dataset, _ estimator: some NetworkEnergyEstimating, label: String,
    setting: String, trainingAccuracy: Double
  ) throws(NeuralEngineError) -> QualityEnergyPoint {
    let arithmetic = AxNN.arithmetic(precisions, configuration.precisionSteps, network)
    var context = EvaluationContext(seed: 0)
    let quality = try network.evaluate(on: test, arithmetic: arithmetic, context: &context)
    var result = QualityEnergyPoint(
      method: label, setting: setting, accuracy: quality.accuracy, outputError: quality.outputError,
      energyPJ: try estimator.totalEnergy(of: network, arithmetic: arithmetic), arithmetic: arithmetic)
    result.trainingAccuracy = trainingAccuracy
    return result
  }

  /// Fixed point with each neuron's inputs and weights at its current precision step.
  static func arithmetic(_ precisions: [[Int]], _ steps: [Int], _ network: Network) -> NetworkArithmetic {
    NetworkArithmetic(
      layers: network.layers.indices.map { layer in
        let bits = precisions[layer].map { steps[$0] }
        guard !bits.isEmpty else { return .fixedPoint(bits: steps[0]) }
        return LayerArithmetic(precision: LayerPrecision(inputBits: bits, weightBits: bits))
      })
  }

  /// Each neuron's average |∂E/∂z| over `data` (AxNN's backpropagated error, line 7).
  public static func neuronErrors(_ network: Network, arithmetic: NetworkArithmetic?, data: Dataset) throws(NeuralEngineError)
    -> [[Double]]
  {
    var sums = network.layers.map { Array(repeating: 0.0, count: $0.neuronCount) }
    var context = EvaluationContext(seed: 0)
    var generator = SplitMix64(seed: 0)
    let batch = 128
    var start = 0
    while start < data.samples {
      let end = min(data.samples, start + batch)
      var pass = ForwardPass()
      let probabilities = try network.forward(
        data.features.rows(start..<end), arithmetic: arithmetic, context: &context, pass: &pass, dropout: 0, generator: &generator
      )
      var (gradient, _) = Network.crossEntropyGradient(probabilities: probabilities, labels: data.labels[start..<end])
      // Undo the batch averaging: each sample's error counts once.
      for index in gradient.values.indices { gradient.values[index] *= Float(end - start) }
      let gradients = network.backward(
        pass, outputGradient: gradient, straightThrough: Array(repeating: false, count: network.layers.count))
      for layer in network.layers.indices {
        guard let errors = gradients.neuronErrors[layer] else { continue }
        for neuron in errors.indices { sums[layer][neuron] += Double(errors[neuron]) }
      }
      start = end
    }
    return sums.map { $0.map { $0 / Double(max(1, data.samples)) } }
  }
}
