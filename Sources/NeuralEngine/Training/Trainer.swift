import SimKernel

/// What one epoch of training achieved.
public struct EpochSummary: Equatable, Sendable {
  /// The epoch, from 1.
  public var epoch: Int
  /// Mean cross-entropy over the epoch's batches.
  public var loss: Double
  /// Accuracy on the training split after the epoch (with the training arithmetic).
  public var trainingAccuracy: Double
}

/// Trains a network with mini-batch SGD and momentum on a data set's training split.
public struct Trainer: Sendable {
  /// The settings.
  public var configuration: TrainingConfiguration

  /// A trainer.
  public init(configuration: TrainingConfiguration) { self.configuration = configuration }

  /// Trains `network` in place on `data`, calling `progress` after every epoch.
  /// - Returns: one summary per epoch.
  @discardableResult
  public func train(_ network: inout Network, on data: Dataset, progress: (EpochSummary) -> Void = { _ in })
    throws(NeuralEngineError) -> [EpochSummary]
  {
    try configuration.validate()
    guard data.samples > 0 else { throw .invalidTraining("the training split is empty") }
    var generator = SplitMix64(seed: configuration.seed)
    var context = EvaluationContext(seed: configuration.seed ^ 0x5EED)
    var velocities = network.layers.map { layer in
      layer.parameters.map { (Matrix(rows: $0.weights.rows, columns: $0.weights.columns), Array(repeating: Float(0), count: $0.biases.count)) }
    }
    let straightThrough = (0..<network.layers.count).map { configuration.arithmetic?.layers[$0].isApproximate ?? false }
    var order = Array(0..<data.samples)
    var summaries: [EpochSummary] = []
    for epoch in 1...configuration.epochs {
      order.shuffle(using: &generator)
      var lossSum = 0.0
      var batches = 0
      var start = 0
      while start < order.count {
        let indices = order[start..<min(order.count, start + configuration.batchSize)]
        start += configuration.batchSize
        let batch = data.features.gathering(rows: indices)
        var pass = ForwardPass()
        let probabilities = try network.forward(
          batch, arithmetic: configuration.arithmetic, context: &context, pass: &pass, dropout: configuration.dropout,
          generator: &generator)
        let (outputGradient, loss) = Network.crossEntropyGradient(
          probabilities: probabilities, labels: ArraySlice(indices.map { data.labels[$0] }))
        guard loss.isFinite else { throw .invalidTraining("the loss diverged at epoch \(epoch); lower the learning rate") }
        lossSum += loss
        batches += 1
        let gradients = network.backward(pass, outputGradient: outputGradient, straightThrough: straightThrough)
        network.applyUpdate(gradients, velocities: &velocities, configuration: configuration)
      }
      var evaluation = EvaluationContext(seed: configuration.seed ^ UInt64(epoch))
      let accuracy = try network.accuracy(on: data, arithmetic: configuration.arithmetic, context: &evaluation)
      let summary = EpochSummary(epoch: epoch, loss: lossSum / Double(max(1, batches)), trainingAccuracy: accuracy)
      summaries.append(summary)
      progress(summary)
    }
    return summaries
  }
}

extension Network {
  /// v ← μ·v − η·(g + λ·w); w ← w + v (classical momentum), for every layer with parameters.
  mutating func applyUpdate(
    _ gradients: Gradients, velocities: inout [(Matrix, [Float])?], configuration: TrainingConfiguration
  ) {
    let rate = configuration.learningRate
    let momentum = configuration.momentum
    let decay = configuration.weightDecay
    for index in layers.indices {
      guard let weightGradient = gradients.weights[index], let biasGradient = gradients.biases[index],
        var velocity = velocities[index]
      else { continue }
      func step(_ parameters: inout [Float], _ gradient: [Float], _ velocity: inout [Float], decays: Bool) {
        for element in parameters.indices {
          let g = gradient[element] + (decays ? decay * parameters[element] : 0)
          velocity[element] = momentum * velocity[element] - rate * g
          parameters[element] += velocity[element]
        }
      }
      switch layers[index] {
      case .dense(var dense):
        step(&dense.weights.values, weightGradient.values, &velocity.0.values, decays: true)
        step(&dense.biases, biasGradient, &velocity.1, decays: false)
        layers[index] = .dense(dense)
      case .convolution(var convolution):
        step(&convolution.weights.values, weightGradient.values, &velocity.0.values, decays: true)
        step(&convolution.biases, biasGradient, &velocity.1, decays: false)
        layers[index] = .convolution(convolution)
      case .pooling:
        continue
      }
      velocities[index] = velocity
    }
  }
}
