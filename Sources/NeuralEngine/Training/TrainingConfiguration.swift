/// How a network is trained: SGD with momentum on mini-batches, optionally with dropout and
/// with an approximate arithmetic in the forward pass (straight-through gradients).
public struct TrainingConfiguration: Equatable, Sendable {
  /// Passes over the training split.
  public var epochs: Int
  /// Samples per update.
  public var batchSize: Int
  /// The SGD step size.
  public var learningRate: Float
  /// Momentum (0 for plain SGD).
  public var momentum: Float
  /// L2 weight decay per step, as a fraction of the weight.
  public var weightDecay: Float
  /// Dropout rate on hidden dense outputs, 0...0.9.
  public var dropout: Float
  /// The seed of shuffling, dropout and NTV flips during training.
  public var seed: UInt64
  /// The forward-pass arithmetic during training (nil: exact).
  public var arithmetic: NetworkArithmetic?
  /// Whether layers with an approximate arithmetic zero error terms of magnitude ≥ 1 in the
  /// backward pass (AxTrain's straight-through estimator, Eq. 12); FramNN backpropagates exactly.
  public var clipsApproximateGradients: Bool

  /// A configuration; defaults suit the bundled data sets.
  public init(
    epochs: Int = 30, batchSize: Int = 32, learningRate: Float = 0.05, momentum: Float = 0.9, weightDecay: Float = 0,
    dropout: Float = 0, seed: UInt64 = 1, arithmetic: NetworkArithmetic? = nil, clipsApproximateGradients: Bool = true
  ) {
    self.clipsApproximateGradients = clipsApproximateGradients
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.dropout = dropout
    self.seed = seed
    self.arithmetic = arithmetic
  }

  /// Checks every setting's range.
  public func validate() throws(NeuralEngineError) {
    guard (1...100_000).contains(epochs) else { throw .invalidTraining("epochs \(epochs) outside 1...100000") }
    guard (1...1_000_000).contains(batchSize) else { throw .invalidTraining("batch size \(batchSize) outside 1...1000000") }
    guard learningRate > 0, learningRate <= 10 else { throw .invalidTraining("learning rate \(learningRate) outside (0, 10]") }
    guard momentum >= 0, momentum < 1 else { throw .invalidTraining("momentum \(momentum) outside [0, 1)") }
    guard weightDecay >= 0, weightDecay < 1 else { throw .invalidTraining("weight decay \(weightDecay) outside [0, 1)") }
    guard dropout >= 0, dropout <= 0.9 else { throw .invalidTraining("dropout \(dropout) outside [0, 0.9]") }
  }
}
