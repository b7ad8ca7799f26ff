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
    guard data.samples > 0 else { throw .invalidTraining("the training split is empty") }
    var session = try TrainingSession(network: network, configuration: configuration)
    var summaries: [EpochSummary] = []
    for epoch in 1...configuration.epochs {
      let loss = try session.epoch(on: data, arithmetic: configuration.arithmetic)
      var evaluation = EvaluationContext(seed: configuration.seed ^ UInt64(epoch))
      let accuracy = try session.network.accuracy(on: data, arithmetic: configuration.arithmetic, context: &evaluation)
      let summary = EpochSummary(epoch: epoch, loss: loss, trainingAccuracy: accuracy)
      summaries.append(summary)
      progress(summary)
    }
    network = session.network
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
