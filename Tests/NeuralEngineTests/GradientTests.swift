import SimKernel
import Testing
import Trace

@testable import NeuralEngine

/// Every layer's backward pass against central finite differences of the loss, on small
/// seeded networks (double-checked in Float, so tolerances are relative and loose enough for
/// rounding, tight enough for a wrong index or a missing term).
@Suite struct GradientTests {
  static func check(_ network: Network, inputs: Matrix, labels: [Int], label: String) throws {
    var context = EvaluationContext(seed: 0)
    var pass = ForwardPass()
    var generator = SplitMix64(seed: 0)
    let probabilities = try network.forward(
      inputs, arithmetic: nil, context: &context, pass: &pass, dropout: 0, generator: &generator)
    let (outputGradient, _) = Network.crossEntropyGradient(probabilities: probabilities, labels: labels[...])
    let gradients = network.backward(
      pass, outputGradient: outputGradient, straightThrough: Array(repeating: false, count: network.layers.count))
    func loss(_ candidate: Network) throws -> Double {
      var context = EvaluationContext(seed: 0)
      let p = try candidate.probabilities(inputs, context: &context)
      return Network.crossEntropyGradient(probabilities: p, labels: labels[...]).loss
    }
    // Small enough that max pooling rarely switches its winner, and ReLU rarely crosses its
    // kink, inside ±ε.
    let epsilon: Float = 1e-3
    func numeric(_ index: Int, _ perturbed: (Float) -> NetworkLayer) throws -> Double {
      var plus = network
      var minus = network
      plus.layers[index] = perturbed(epsilon)
      minus.layers[index] = perturbed(-epsilon)
      return (try loss(plus) - loss(minus)) / Double(2 * epsilon)
    }
    for (index, layer) in network.layers.enumerated() {
      guard let parameters = layer.parameters, let weights = gradients.weights[index], let biases = gradients.biases[index] else {
        continue
      }
      var random = SplitMix64(seed: UInt64(index))
      for _ in 0..<12 {
        let element = Int(random.next() % UInt64(parameters.weights.values.count))
        let expected = try numeric(index) { layer.perturbing(weight: element, by: $0) }
        let value = Double(weights.values[element])
        #expect(
          abs(expected - value) <= 3e-3 + 0.05 * abs(expected),
          "\(label) layer \(index) weight \(element): analytic \(value), numeric \(expected)")
      }
      for element in parameters.biases.indices {
        let expected = try numeric(index) { layer.perturbing(bias: element, by: $0) }
        let value = Double(biases[element])
        #expect(
          abs(expected - value) <= 3e-3 + 0.05 * abs(expected),
          "\(label) layer \(index) bias \(element): analytic \(value), numeric \(expected)")
      }
    }
  }

  static func randomInputs(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var random = SplitMix64(seed: seed)
    return Matrix(
      rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(random.nextUnitDouble() * 2 - 1) })
  }

  @Test(arguments: [Activation.sigmoid, .tanh, .relu, .relu6])
  func denseLayers(activation: Activation) throws {
    let specification = try NetworkSpecification(dense: "5-7-4-3", hiddenActivation: activation)
    let network = try specification.build(name: "mlp", inputShape: .vector(5), classes: 3, seed: 11)
    try Self.check(
      network, inputs: Self.randomInputs(rows: 6, columns: 5, seed: 1), labels: [0, 1, 2, 1, 0, 2], label: "\(activation)")
  }

  @Test(arguments: [
    ("3c3p1,maxpool2", Activation.tanh), ("2c3s2p1,avgpool2", .tanh), ("4c2", .tanh), ("3c3p1,avgpool2,2c2", .sigmoid),
    ("2c3s2,maxpool1", .relu),
  ])
  func convolutionAndPoolingLayers(stages: String, activation: Activation) throws {
    let specification = try NetworkSpecification(dense: "1-3", convolution: stages, hiddenActivation: activation)
    let inputShape = TensorShape(channels: 2, height: 6, width: 6)
    let flattened = try specification.stagesOutput(for: inputShape).elementCount
    let network = try NetworkSpecification(dense: "\(flattened)-3", convolution: stages, hiddenActivation: activation)
      .build(name: "cnn", inputShape: inputShape, classes: 3, seed: 5)
    try Self.check(
      network, inputs: Self.randomInputs(rows: 4, columns: 72, seed: 2), labels: [2, 0, 1, 2], label: "\(stages) \(activation)")
  }
}

extension NetworkLayer {
  func perturbing(weight element: Int, by delta: Float) -> NetworkLayer {
    switch self {
    case .dense(var layer):
      layer.weights.values[element] += delta
      return .dense(layer)
    case .convolution(var layer):
      layer.weights.values[element] += delta
      return .convolution(layer)
    case .pooling:
      return self
    }
  }

  func perturbing(bias element: Int, by delta: Float) -> NetworkLayer {
    switch self {
    case .dense(var layer):
      layer.biases[element] += delta
      return .dense(layer)
    case .convolution(var layer):
      layer.biases[element] += delta
      return .convolution(layer)
    case .pooling:
      return self
    }
  }
}
