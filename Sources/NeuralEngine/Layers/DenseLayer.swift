import Trace

/// A fully connected layer: every output neuron j computes h(Σ_i w_ji · x_i + b_j).
public struct DenseLayer: Equatable, Sendable {
  /// Fan-in.
  public var inputs: Int
  /// Output neurons.
  public var outputs: Int
  /// The non-linearity h.
  public var activation: Activation
  /// Weights, one row per output neuron (outputs × inputs).
  public var weights: Matrix
  /// One bias per output neuron.
  public var biases: [Float]

  /// A layer with weights drawn uniformly from ±√(6 / (fan-in + fan-out)) (Glorot & Bengio
  /// 2010), or ±√(6 / fan-in) for ReLU layers (He et al. 2015), and zero biases.
  public init<G: RandomNumberGenerator>(inputs: Int, outputs: Int, activation: Activation, using generator: inout G) {
    self.inputs = inputs
    self.outputs = outputs
    self.activation = activation
    let limit = activation == .relu || activation == .relu6 ? (6 / Float(inputs)).squareRoot() : (6 / Float(inputs + outputs)).squareRoot()
    weights = Matrix(rows: outputs, columns: inputs, values: (0..<(inputs * outputs)).map { _ in Initialisation.uniform(limit, &generator) })
    biases = Array(repeating: 0, count: outputs)
  }

  /// A layer with the given parameters.
  public init(inputs: Int, outputs: Int, activation: Activation, weights: Matrix, biases: [Float]) {
    self.inputs = inputs
    self.outputs = outputs
    self.activation = activation
    self.weights = weights
    self.biases = biases
  }
}

/// Seeded uniform draws for weight initialisation.
enum Initialisation {
  static func uniform<G: RandomNumberGenerator>(_ limit: Float, _ generator: inout G) -> Float {
    (Float(generator.next() >> 40) / Float(1 << 24) * 2 - 1) * limit
  }
}
