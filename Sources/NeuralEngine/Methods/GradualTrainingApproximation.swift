/// CANNA's gradual training approximation, GTA (Imani et al., ASP-DAC 2018, Algorithm 1 and
/// §IV-B2): train from the deepest approximation (0 tuning bits) and step one tuning bit
/// toward exact whenever the batch accuracy stops improving at the current level.
///
/// ```
/// n ← 0
/// for iter = 1 … iter_max                       (one iteration = one SGD batch)
///   forward with CANNA-n in every layer; a ← the batch's accuracy
///   s ← least-squares slope of a over the last W iterations at level n   (W = 50)
///   THR ← δ · (n_max − n + 1) / (iter_max − iter + 1),   δ = 1 − mean a over the window
///   if the window is full and s < THR:
///     n = n_max and stopping on convergence → stop          (Algorithm 1, line 8)
///     n < n_max → n ← n + 1, empty the window
///   backpropagate (exact, at the approximate activations)
/// ```
/// **The threshold rule.** The paper says THR "adaptively changes … to ensure that training
/// completes with acceptable accuracy by the final iteration", computed from the iteration,
/// iter_max, the network error δ and the final precision Apx_min, but gives no formula. Ours
/// reads: at slope s the network would need δ / s iterations to close its error; step up when
/// that exceeds the iterations left per level still to visit, (iter_max − iter + 1) /
/// (n_max − n + 1). It uses exactly the paper's four inputs: a large error or a late iteration
/// raises THR (so training cannot end still deep in approximation), and a plateau (s ≈ 0)
/// always steps. The window is emptied on each step so every slope is measured at one level.
public struct GradualTrainingApproximation: Sendable {
  /// The settings.
  public struct Configuration: Equatable, Sendable {
    /// The final, most precise level n_max (the paper's Apx_min), 0...22: GTA never exceeds it.
    public var maximumTuningBits: Int
    /// Iterations the accuracy slope is measured over (50 in the paper).
    public var window: Int
    /// Whether training ends once it converges at `maximumTuningBits` (Algorithm 1 line 8);
    /// otherwise it runs all epochs.
    public var stopsWhenConverged: Bool
    /// The training settings; iter_max = epochs × batches per epoch. Its arithmetic is
    /// ignored (GTA sets it). CANNA backpropagates without AxTrain's clipping by default.
    public var training: TrainingConfiguration

    /// Settings; defaults follow the paper where it gives them.
    public init(
      maximumTuningBits: Int = 5, window: Int = 50, stopsWhenConverged: Bool = true,
      training: TrainingConfiguration = TrainingConfiguration(epochs: 10, clipsApproximateGradients: false)
    ) {
      self.maximumTuningBits = maximumTuningBits
      self.window = window
      self.stopsWhenConverged = stopsWhenConverged
      self.training = training
    }
  }

  /// One change of level.
  public struct Step: Equatable, Sendable {
    /// The iteration (1-based) whose check made the change; the next iteration runs the new level.
    public var iteration: Int
    /// The tuning bits from then on.
    public var tuningBits: Int
    /// The accuracy slope that triggered it (accuracy fraction per iteration).
    public var slope: Double
    /// The threshold it fell under.
    public var threshold: Double
  }

  /// The iterations and training-time hit rate of one level.
  public struct Level: Equatable, Sendable {
    /// Tuning bits.
    public var tuningBits: Int
    /// SGD iterations run at this level.
    public var iterations: Int
    /// CANNA hits and products of the forward passes at this level, per layer.
    public var usage: CANNAUsage
  }

  /// What a run produced.
  public struct Outcome: Sendable {
    /// The trained network.
    public var network: Network
    /// Tuning bits of every iteration run, in order (never decreasing).
    public var tuningBitsPerIteration: [Int]
    /// Every change of level.
    public var steps: [Step]
    /// Each level visited, in order, with its iterations and training hit rate.
    public var levels: [Level]
    /// iter_max: the iterations the configured epochs allow.
    public var maximumIterations: Int
    /// Whether training stopped on convergence before iter_max.
    public var stoppedEarly: Bool

    /// The hit rate over all forward products of training, layers weighted by products.
    public var trainingHitRate: Double {
      levels.reduce(CANNAUsage(hits: [], products: [])) { $0.adding($1.usage) }.overallHitRate
    }
    /// The level training ended at.
    public var finalTuningBits: Int { tuningBitsPerIteration.last ?? 0 }
  }

  /// The settings.
  public var configuration: Configuration

  /// GTA with `configuration`.
  public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

  /// Trains `network` (fresh or trained) on `data` by Algorithm 1.
  public func run(_ network: Network, on data: Dataset) throws(NeuralEngineError) -> Outcome {
    guard (0...22).contains(configuration.maximumTuningBits) else {
      throw .invalidTraining("GTA maximum tuning bits \(configuration.maximumTuningBits) outside 0...22 (the 23-bit fraction)")
    }
    guard configuration.window >= 2 else {
      throw .invalidTraining("GTA window \(configuration.window) below 2 iterations (a slope needs two points)")
    }
    guard data.samples > 0 else { throw .invalidTraining("the training split is empty") }
    var training = configuration.training
    training.arithmetic = nil
    var session = try TrainingSession(network: network, configuration: training)
    let batches = (data.samples + training.batchSize - 1) / training.batchSize
    let maximumIterations = training.epochs * batches
    let cap = configuration.maximumTuningBits
    var bits = 0
    var arithmetic = try network.cannaArithmetic(tuningBits: network.layers.map { _ in bits })
    var accuracies: [Double] = []
    accuracies.reserveCapacity(configuration.window)
    var perIteration: [Int] = []
    var steps: [Step] = []
    var levels: [Level] = []
    var levelStart = (iteration: 0, usage: CANNAUsage.none(layers: network.layers.count))
    var iteration = 0
    var stoppedEarly = false
    training: for _ in 1...training.epochs {
      let order = session.shuffledOrder(samples: data.samples)
      var start = 0
      while start < order.count {
        let end = min(order.count, start + training.batchSize)
        iteration += 1
        perIteration.append(bits)
        let correct = try session.step(on: data, indices: order[start..<end], arithmetic: arithmetic).correct
        let batchAccuracy = Double(correct) / Double(end - start)
        start = end
        if accuracies.count == configuration.window { accuracies.removeFirst() }
        accuracies.append(batchAccuracy)
        guard accuracies.count == configuration.window else { continue }
        let slope = Self.slope(accuracies)
        let error = 1 - accuracies.reduce(0, +) / Double(accuracies.count)
        let threshold = error * Double(cap - bits + 1) / Double(maximumIterations - iteration + 1)
        guard slope < threshold else { continue }
        let usage = session.context.cannaUsage
        if bits == cap {
          if configuration.stopsWhenConverged, iteration < maximumIterations {
            stoppedEarly = true
            break training
          }
          continue
        }
        levels.append(
          Level(tuningBits: bits, iterations: iteration - levelStart.iteration, usage: usage.subtracting(levelStart.usage)))
        levelStart = (iteration, usage)
        bits += 1
        arithmetic = try network.cannaArithmetic(tuningBits: network.layers.map { _ in bits })
        steps.append(Step(iteration: iteration, tuningBits: bits, slope: slope, threshold: threshold))
        accuracies.removeAll(keepingCapacity: true)
      }
    }
    levels.append(
      Level(
        tuningBits: bits, iterations: iteration - levelStart.iteration,
        usage: session.context.cannaUsage.subtracting(levelStart.usage)))
    return Outcome(
      network: session.network, tuningBitsPerIteration: perIteration, steps: steps, levels: levels,
      maximumIterations: maximumIterations, stoppedEarly: stoppedEarly)
  }

  /// The least-squares slope of `values` against their index (per iteration).
  static func slope(_ values: [Double]) -> Double {
    let count = Double(values.count)
    guard values.count >= 2 else { return 0 }
    let meanX = (count - 1) / 2
    let meanY = values.reduce(0, +) / count
    var covariance = 0.0
    var variance = 0.0
    for (index, value) in values.enumerated() {
      let dx = Double(index) - meanX
      covariance += dx * (value - meanY)
      variance += dx * dx
    }
    return covariance / variance
  }
}
