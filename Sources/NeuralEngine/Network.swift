import SimKernel
import Trace

/// One layer of a network.
public enum NetworkLayer: Equatable, Sendable {
  /// Fully connected.
  case dense(DenseLayer)
  /// 2-D convolution.
  case convolution(ConvolutionLayer)
  /// Max or average pooling.
  case pooling(PoolingLayer)

  /// The per-sample input shape.
  public var inputShape: TensorShape {
    switch self {
    case .dense(let layer): return .vector(layer.inputs)
    case .convolution(let layer): return layer.shape.input
    case .pooling(let layer): return layer.shape.input
    }
  }

  /// The per-sample output shape.
  public var outputShape: TensorShape {
    switch self {
    case .dense(let layer): return .vector(layer.outputs)
    case .convolution(let layer): return layer.output
    case .pooling(let layer): return layer.output
    }
  }

  /// Output neurons that own a precision (dense outputs, convolution filters, pooled channels).
  public var neuronCount: Int {
    switch self {
    case .dense(let layer): return layer.outputs
    case .convolution(let layer): return layer.shape.filters
    case .pooling(let layer): return layer.shape.input.channels
    }
  }

  /// The weights and biases, if the layer has any.
  public var parameters: (weights: Matrix, biases: [Float])? {
    switch self {
    case .dense(let layer): return (layer.weights, layer.biases)
    case .convolution(let layer): return (layer.weights, layer.biases)
    case .pooling: return nil
    }
  }
}

/// A feed-forward classification network: layers in order, ending in a softmax layer whose
/// outputs are class probabilities.
public struct Network: Equatable, Sendable {
  /// The network's name (used for traces).
  public var name: String
  /// The layers in order.
  public var layers: [NetworkLayer]

  /// A network; consecutive shapes must agree (a dense layer reads a flattened input).
  public init(name: String, layers: [NetworkLayer]) throws(NeuralEngineError) {
    guard let last = layers.last else { throw .invalidTopology("a network needs at least one layer") }
    guard case .dense(let output) = last, output.activation == .softmax else {
      throw .invalidTopology("the last layer must be dense with a softmax (class probabilities)")
    }
    for index in 1..<max(1, layers.count) {
      let produced = layers[index - 1].outputShape
      let expected = layers[index].inputShape
      let matches: Bool
      if case .dense = layers[index] {
        matches = produced.elementCount == expected.elementCount
      } else {
        matches = produced == expected
      }
      guard matches else {
        throw .invalidTopology("layer \(index) expects input \(expected) but layer \(index - 1) produces \(produced)")
      }
    }
    self.name = name
    self.layers = layers
  }

  /// The per-sample input shape.
  public var inputShape: TensorShape { layers[0].inputShape }
  /// The number of classes.
  public var classes: Int { layers[layers.count - 1].outputShape.elementCount }

  /// Class probabilities for every row of `inputs` under `arithmetic` (exact when nil).
  public func probabilities(_ inputs: Matrix, arithmetic: NetworkArithmetic? = nil, context: inout EvaluationContext)
    throws(NeuralEngineError) -> Matrix
  {
    var pass = ForwardPass()
    var unused = SplitMix64(seed: 0)
    return try forward(inputs, arithmetic: arithmetic, context: &context, pass: &pass, dropout: 0, generator: &unused)
  }

  /// The fraction of rows whose most probable class is the label.
  public func accuracy(on dataset: Dataset, arithmetic: NetworkArithmetic? = nil, context: inout EvaluationContext)
    throws(NeuralEngineError) -> Double
  {
    try evaluate(on: dataset, arithmetic: arithmetic, context: &context).accuracy
  }

  /// Runs the layers, keeping what the backward pass needs in `pass`.
  ///
  /// Dropout (rate in [0, 1), drawn from `generator`) applies to hidden dense outputs.
  func forward(
    _ inputs: Matrix, arithmetic: NetworkArithmetic?, context: inout EvaluationContext, pass: inout ForwardPass,
    dropout: Float, generator: inout SplitMix64
  ) throws(NeuralEngineError) -> Matrix {
    try checkForward(inputs, arithmetic: arithmetic)
    if context.layerStates.count != layers.count {
      context.layerStates = Array(repeating: ApproximateProduct.LayerState(), count: layers.count)
    }
    pass = ForwardPass(count: layers.count)
    var activations = inputs
    for (index, layer) in layers.enumerated() {
      let layerArithmetic = arithmetic?.layers[index] ?? .exact
      pass.inputs[index] = activations
      switch layer {
      case .dense(let dense):
        let z = try ApproximateProduct.compute(
          inputs: activations, weights: dense.weights, biases: dense.biases, arithmetic: layerArithmetic,
          state: &context.layerStates[index], generator: &context.generator)
        var a = ActivationFunctions.apply(dense.activation, to: z)
        if dropout > 0, index < layers.count - 1 {
          var mask = Matrix(rows: a.rows, columns: a.columns)
          let keep = 1 - dropout
          for element in mask.values.indices {
            mask.values[element] = generator.nextUnitDouble() < Double(keep) ? 1 / keep : 0
            a.values[element] *= mask.values[element]
          }
          pass.dropoutMasks[index] = mask
        }
        pass.preActivations[index] = z
        pass.outputs[index] = a
        activations = a
      case .convolution(let convolution):
        let columns = convolution.im2col(activations)
        let zPositions = try ApproximateProduct.compute(
          inputs: columns, weights: convolution.weights, biases: convolution.biases, arithmetic: layerArithmetic,
          state: &context.layerStates[index], generator: &context.generator)
        let z = convolution.toChannelMajor(zPositions, samples: activations.rows)
        let a = ActivationFunctions.apply(convolution.activation, to: z)
        pass.columns[index] = columns
        pass.preActivations[index] = z
        pass.outputs[index] = a
        activations = a
      case .pooling(let pooling):
        let (output, argmax) = pooling.forward(activations)
        pass.argmax[index] = argmax
        pass.outputs[index] = output
        activations = output
      }
    }
    return activations
  }
}

extension Network {
  /// Throws unless `inputs` holds samples of this network's input shape and `arithmetic`
  /// names one setting per layer, with per-neuron precisions sized to their layers: these
  /// come from users (a trace evaluated on another data set), so a mismatch is an error
  /// message, never an out-of-bounds trap in a kernel.
  func checkForward(_ inputs: Matrix, arithmetic: NetworkArithmetic?) throws(NeuralEngineError) {
    let features = inputShape.elementCount
    guard inputs.columns == features else {
      throw .invalidTopology(
        "network \(name) reads \(features) features per sample (\(inputShape)) but was given \(inputs.columns); use the data set it was built for"
      )
    }
    guard let arithmetic else { return }
    guard arithmetic.layers.count == layers.count else {
      throw .invalidArithmetic("\(arithmetic.layers.count) layer settings for the \(layers.count) layers of network \(name)")
    }
    for (index, setting) in arithmetic.layers.enumerated() {
      guard let precision = setting.precision else { continue }
      let neurons = layers[index].neuronCount
      for (what, bits) in [("input", precision.inputBits), ("weight", precision.weightBits)] {
        guard bits.count == 1 || bits.count == neurons else {
          throw .invalidArithmetic(
            "layer \(index + 1) of network \(name) has \(neurons) neurons but \(bits.count) \(what) precisions; give 1 or one per neuron"
          )
        }
        guard bits.allSatisfy({ $0 >= 1 }) else {
          throw .invalidArithmetic("layer \(index + 1) of network \(name): \(what) precision below 1 bit")
        }
      }
    }
  }

  /// Throws unless `data` holds samples this network reads and labels it can predict.
  func checkCompatible(with data: Dataset) throws(NeuralEngineError) {
    let features = inputShape.elementCount
    guard data.features.columns == features else {
      throw .invalidData(
        file: data.name,
        message:
          "samples have \(data.features.columns) features but network \(name) reads \(features) (\(inputShape)); use the data set it was built for"
      )
    }
    guard data.classes <= classes else {
      throw .invalidData(
        file: data.name, message: "labels run to class \(data.classes - 1) but network \(name) predicts only \(classes) classes")
    }
  }
}

/// What a forward pass keeps for the backward pass, per layer.
struct ForwardPass {
  var inputs: [Matrix] = []
  var columns: [Matrix?] = []
  var preActivations: [Matrix?] = []
  var outputs: [Matrix?] = []
  var argmax: [[Int32]] = []
  var dropoutMasks: [Matrix?] = []

  init() {}

  init(count: Int) {
    inputs = Array(repeating: Matrix(rows: 0, columns: 0), count: count)
    columns = Array(repeating: nil, count: count)
    preActivations = Array(repeating: nil, count: count)
    outputs = Array(repeating: nil, count: count)
    argmax = Array(repeating: [], count: count)
    dropoutMasks = Array(repeating: nil, count: count)
  }
}

/// The random state an evaluation or training run carries.
///
/// It holds the generator for NTV flips and the persistent flip masks of each layer. One
/// context per run; a new seed is a new run.
public struct EvaluationContext: Sendable {
  /// The generator NTV flips draw from.
  public var generator: SplitMix64
  var layerStates: [ApproximateProduct.LayerState] = []

  /// A context seeded with `seed`.
  public init(seed: UInt64) { generator = SplitMix64(seed: seed) }
}

extension Matrix {
  /// The column of the largest value in `row`.
  func argmax(row: Int) -> Int {
    var best = 0
    for column in 1..<columns where self[row, column] > self[row, best] { best = column }
    return best
  }
}
