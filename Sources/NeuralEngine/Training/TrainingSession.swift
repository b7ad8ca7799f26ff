import SimKernel

/// A network being trained, one batch at a time: the state SGD with momentum carries between
/// batches (velocities, the shuffling and dropout generator, NTV state). `Trainer` drives it
/// epoch by epoch; the methods (GTA, FramNN's schedules, AxTrain-act) drive it batch by batch
/// and change the arithmetic or add gradient terms as they go.
public struct TrainingSession: Sendable {
  /// The network as trained so far.
  public private(set) var network: Network
  /// The settings (the arithmetic is passed per batch).
  public let configuration: TrainingConfiguration
  var generator: SplitMix64
  var context: EvaluationContext
  var velocities: [(Matrix, [Float])?]
  /// The sample order of the last epoch, which the next one shuffles further.
  var order: [Int] = []

  /// A session starting from `network`.
  public init(network: Network, configuration: TrainingConfiguration) throws(NeuralEngineError) {
    try configuration.validate()
    self.network = network
    self.configuration = configuration
    generator = SplitMix64(seed: configuration.seed)
    context = EvaluationContext(seed: configuration.seed ^ 0x5EED)
    velocities = network.layers.map { layer in
      layer.parameters.map { (Matrix(rows: $0.weights.rows, columns: $0.weights.columns), Array(repeating: Float(0), count: $0.biases.count)) }
    }
  }

  /// The training samples in a fresh seeded order, for one epoch.
  ///
  /// Each epoch shuffles the previous epoch's order in place (starting from 0..<samples),
  /// as the trainer always has: restarting from 0..<samples every epoch would give every
  /// seed different weights from those the documented accuracies were measured with.
  public mutating func shuffledOrder(samples: Int) -> [Int] {
    if order.count != samples { order = Array(0..<samples) }
    order.shuffle(using: &generator)
    return order
  }

  /// One SGD step on the samples `indices` of `data`, with `arithmetic` in the forward pass
  /// (straight-through gradients; error terms ≥ 1 clipped where it is approximate, if the
  /// configuration says so), plus `extraWeightGradients` (per layer, already scaled) added to
  /// the loss gradient. Returns the batch's mean loss and how many samples it got right.
  @discardableResult
  public mutating func step(
    on data: Dataset, indices: ArraySlice<Int>, arithmetic: NetworkArithmetic?, extraWeightGradients: [Matrix?]? = nil
  ) throws(NeuralEngineError) -> (loss: Double, correct: Int) {
    let batch = data.features.gathering(rows: indices)
    var pass = ForwardPass()
    let probabilities = try network.forward(
      batch, arithmetic: arithmetic, context: &context, pass: &pass, dropout: configuration.dropout, generator: &generator)
    let labels = indices.map { data.labels[$0] }
    let (outputGradient, loss) = Network.crossEntropyGradient(probabilities: probabilities, labels: labels[...])
    guard loss.isFinite else { throw .invalidTraining("the loss diverged; lower the learning rate") }
    let straightThrough = network.layers.indices.map {
      configuration.clipsApproximateGradients && (arithmetic?.layers[$0].isApproximate ?? false)
    }
    var gradients = network.backward(pass, outputGradient: outputGradient, straightThrough: straightThrough)
    if let extra = extraWeightGradients {
      for layer in gradients.weights.indices {
        guard var weights = gradients.weights[layer], let addition = extra[layer] else { continue }
        for index in weights.values.indices { weights.values[index] += addition.values[index] }
        gradients.weights[layer] = weights
      }
    }
    network.applyUpdate(gradients, velocities: &velocities, configuration: configuration)
    var correct = 0
    for (row, label) in labels.enumerated() where probabilities.argmax(row: row) == label { correct += 1 }
    return (loss, correct)
  }

  /// One epoch over `data` in batches of the configured size under `arithmetic`; returns the
  /// mean loss.
  public mutating func epoch(on data: Dataset, arithmetic: NetworkArithmetic?) throws(NeuralEngineError) -> Double {
    let order = shuffledOrder(samples: data.samples)
    var lossSum = 0.0
    var batches = 0
    var start = 0
    while start < order.count {
      let end = min(order.count, start + configuration.batchSize)
      lossSum += try step(on: data, indices: order[start..<end], arithmetic: arithmetic).loss
      batches += 1
      start = end
    }
    return lossSum / Double(max(1, batches))
  }
}
