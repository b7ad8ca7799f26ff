import Foundation
import SimKernel
import Testing
import Trace

@testable import NeuralEngine

/// A dense softmax network in binary64, written independently of the engine: the reference
/// the float R-operator is checked against, by central differences whose own error (ε² terms
/// and 1e-16/ε rounding at ε = 1e-5) is below 1e-9, far under the float tolerance.
struct ReferenceMLP {
  var weights: [[Double]]  // per layer, outputs × inputs, row-major
  var biases: [[Double]]
  var shapes: [(inputs: Int, outputs: Int)]
  var activations: [Activation]

  init(_ network: Network) {
    weights = []
    biases = []
    shapes = []
    activations = []
    for layer in network.layers {
      guard case .dense(let dense) = layer else { continue }
      weights.append(dense.weights.values.map(Double.init))
      biases.append(dense.biases.map(Double.init))
      shapes.append((dense.inputs, dense.outputs))
      activations.append(dense.activation)
    }
  }

  /// All parameters flattened: each layer's weights, then its biases.
  var flat: [Double] {
    get { zip(weights, biases).flatMap { $0 + $1 } }
    set {
      var offset = 0
      for layer in weights.indices {
        weights[layer] = Array(newValue[offset..<(offset + weights[layer].count)])
        offset += weights[layer].count
        biases[layer] = Array(newValue[offset..<(offset + biases[layer].count)])
        offset += biases[layer].count
      }
    }
  }

  static func h(_ activation: Activation, _ z: Double) -> (Double, Double) {
    switch activation {
    case .sigmoid:
      let a = 1 / (1 + exp(-z))
      return (a, a * (1 - a))
    case .tanh: return (Foundation.tanh(z), 1 - Foundation.tanh(z) * Foundation.tanh(z))
    case .relu: return (max(0, z), z > 0 ? 1 : 0)
    default: return (z, 1)
    }
  }

  /// The flattened gradient of p_k (class `k`, or of −log p_label when `label` is set) for one sample.
  func gradient(_ x: [Double], k: Int?, label: Int?) -> [Double] {
    var inputs: [[Double]] = []
    var slopes: [[Double]] = []
    var a = x
    for layer in shapes.indices {
      inputs.append(a)
      let (n, m) = (shapes[layer].inputs, shapes[layer].outputs)
      var z = (0..<m).map { i in biases[layer][i] + (0..<n).reduce(0.0) { $0 + weights[layer][i * n + $1] * a[$1] } }
      if layer == shapes.count - 1 {
        let top = z.max() ?? 0
        z = z.map { exp($0 - top) }
        let sum = z.reduce(0, +)
        a = z.map { $0 / sum }
      } else {
        let pairs = z.map { Self.h(activations[layer], $0) }
        a = pairs.map(\.0)
        slopes.append(pairs.map(\.1))
      }
    }
    let p = a
    var delta: [Double]
    if let label {
      delta = p.indices.map { p[$0] - ($0 == label ? 1 : 0) }
    } else {
      let k = k ?? 0
      delta = p.indices.map { p[k] * (($0 == k ? 1 : 0) - p[$0]) }
    }
    var parts: [[Double]] = Array(repeating: [], count: shapes.count)
    for layer in stride(from: shapes.count - 1, through: 0, by: -1) {
      let (n, m) = (shapes[layer].inputs, shapes[layer].outputs)
      var part = (0..<(m * n)).map { delta[$0 / n] * inputs[layer][$0 % n] }
      part += delta
      parts[layer] = part
      if layer > 0 {
        delta = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + delta[$1] * weights[layer][$1 * n + j] } * slopes[layer - 1][j] }
      }
    }
    return parts.flatMap { $0 }
  }

  /// Σ over rows of the gradient (mean for cross-entropy), as the engine's objectives define it.
  func gradient(_ rows: [[Double]], objective: DifferentiableObjective) -> [Double] {
    var total = Array(repeating: 0.0, count: flat.count)
    for (row, x) in rows.enumerated() {
      let g: [Double]
      switch objective {
      case .crossEntropy(let labels): g = gradient(x, k: nil, label: labels[row]).map { $0 / Double(rows.count) }
      case .probability(let k): g = gradient(x, k: k, label: nil)
      }
      for index in total.indices { total[index] += g[index] }
    }
    return total
  }

  /// Eq. 5 averaged over rows: Σ_k Σ_weights |w|·|∂p_k/∂w|.
  func sensitivity(_ rows: [[Double]], classes: Int) -> Double {
    var s = 0.0
    let parameters = flat
    var isWeight: [Bool] = []
    for layer in weights.indices {
      isWeight += Array(repeating: true, count: weights[layer].count) + Array(repeating: false, count: biases[layer].count)
    }
    for x in rows {
      for k in 0..<classes {
        let g = gradient(x, k: k, label: nil)
        for index in g.indices where isWeight[index] { s += abs(parameters[index]) * abs(g[index]) }
      }
    }
    return s / Double(rows.count)
  }
}

extension ParameterVector {
  /// Flattened like `ReferenceMLP.flat`.
  var flat: [Double] {
    zip(weights, biases).flatMap { pair -> [Double] in
      guard let w = pair.0, let b = pair.1 else { return [] }
      return w.values.map(Double.init) + b.map(Double.init)
    }
  }
}

@Suite struct HessianVectorProductTests {
  static func setup(_ activation: Activation, seed: UInt64) throws -> (Network, Matrix, [[Double]], ParameterVector) {
    let network = try NetworkSpecification(dense: "5-7-4-3", hiddenActivation: activation)
      .build(name: "mlp", inputShape: .vector(5), classes: 3, seed: seed)
    let inputs = GradientTests.randomInputs(rows: 6, columns: 5, seed: seed + 100)
    let rows = (0..<6).map { row in (0..<5).map { Double(inputs[row, $0]) } }
    var random = SplitMix64(seed: seed + 200)
    var direction = ParameterVector(zerosLike: network)
    for index in direction.weights.indices {
      if var w = direction.weights[index] {
        for element in w.values.indices { w.values[element] = Float(random.nextUnitDouble() * 2 - 1) }
        direction.weights[index] = w
      }
      if var b = direction.biases[index] {
        for element in b.indices { b[element] = Float(random.nextUnitDouble() * 2 - 1) }
        direction.biases[index] = b
      }
    }
    return (network, inputs, rows, direction)
  }

  /// Float result against a binary64 reference: binary32's unit roundoff 6e-8 times the ~100
  /// roundings along the deepest path (three layers forward, three back, then both R-passes,
  /// sums of at most 7 terms) bounds the error by about 6e-6 of the largest value; we allow
  /// 1e-5 (measured: under 3e-7). Dropping the h''(z) term of the backward R-pass misses by
  /// 2e-4 to 3e-2 of the scale on these networks, 20 to 3000 times the tolerance.
  static func expectClose(_ value: [Double], _ reference: [Double], _ label: String) {
    let scale = reference.map(abs).max() ?? 0
    #expect(scale > 1e-3, "\(label): a vanishing reference proves nothing")
    for index in reference.indices {
      #expect(abs(value[index] - reference[index]) <= 1e-5 * scale, "\(label) [\(index)]: \(value[index]) vs \(reference[index])")
    }
  }

  @Test(arguments: [Activation.tanh, .sigmoid, .relu])
  func hessianVectorProductMatchesFiniteDifferencesOfTheGradient(activation: Activation) throws {
    let (network, inputs, rows, direction) = try Self.setup(activation, seed: 7)
    let reference = ReferenceMLP(network)
    let v = direction.flat
    let epsilon = 1e-5
    for objective in [DifferentiableObjective.crossEntropy(labels: [0, 1, 2, 2, 1, 0]), .probability(index: 1)] {
      // The float gradient first: the R-passes stand on it.
      Self.expectClose(
        try network.gradient(of: objective, inputs: inputs).flat, reference.gradient(rows, objective: objective), "∇f")
      var plus = reference
      var minus = reference
      plus.flat = zip(reference.flat, v).map { $0 + epsilon * $1 }
      minus.flat = zip(reference.flat, v).map { $0 - epsilon * $1 }
      let numeric = zip(plus.gradient(rows, objective: objective), minus.gradient(rows, objective: objective)).map {
        ($0 - $1) / (2 * epsilon)
      }
      let hv = try network.hessianVectorProduct(of: objective, inputs: inputs, direction: direction).flat
      Self.expectClose(hv, numeric, "\(activation) \(objective) Hv")
    }
  }

  @Test(arguments: [Activation.tanh, .sigmoid])
  func sensitivityAndItsGradientMatchTheReference(activation: Activation) throws {
    let (network, inputs, rows, _) = try Self.setup(activation, seed: 3)
    let reference = ReferenceMLP(network)
    let evaluation = try SensitivityRegularizer().evaluate(network, inputs: inputs)
    let s = reference.sensitivity(rows, classes: 3)
    #expect(abs(evaluation.sensitivity - s) <= 1e-5 * s, "S \(evaluation.sensitivity) vs \(s)")
    // Central differences of S, weight by weight (S is smooth away from ∂O/∂w = 0, which no
    // weight of this random network reaches within ±ε).
    let epsilon = 1e-6
    var numeric: [Double] = []
    var analytic: [Double] = []
    var offset = 0
    let base = reference.flat
    for layer in reference.weights.indices {
      guard let g = evaluation.gradient.weights[layer] else { continue }
      for element in reference.weights[layer].indices {
        var plus = reference
        var minus = reference
        var shifted = base
        shifted[offset + element] += epsilon
        plus.flat = shifted
        shifted[offset + element] -= 2 * epsilon
        minus.flat = shifted
        numeric.append((plus.sensitivity(rows, classes: 3) - minus.sensitivity(rows, classes: 3)) / (2 * epsilon))
        analytic.append(Double(g.values[element]))
      }
      offset += reference.weights[layer].count + reference.biases[layer].count
    }
    Self.expectClose(analytic, numeric, "\(activation) ∂S/∂w")
  }

  @Test func twoClassShortcutEqualsTheFullSum() throws {
    let network = try NetworkSpecification(dense: "4-6-2", hiddenActivation: .tanh)
      .build(name: "binary", inputShape: .vector(4), classes: 2, seed: 9)
    let inputs = GradientTests.randomInputs(rows: 5, columns: 4, seed: 4)
    let rows = (0..<5).map { row in (0..<4).map { Double(inputs[row, $0]) } }
    let s = ReferenceMLP(network).sensitivity(rows, classes: 2)
    let evaluation = try SensitivityRegularizer().evaluate(network, inputs: inputs)
    #expect(abs(evaluation.sensitivity - s) <= 1e-5 * s, "S \(evaluation.sensitivity) vs \(s)")
  }

  @Test func convolutionalNetworksAreRejectedWithAMessage() throws {
    let network = try NetworkSpecification(dense: "18-3", convolution: "2c3s2p1", hiddenActivation: .tanh)
      .build(name: "cnn", inputShape: TensorShape(channels: 2, height: 6, width: 6), classes: 3, seed: 5)
    #expect(throws: NeuralEngineError.self) {
      try SensitivityRegularizer().evaluate(network, inputs: Matrix(rows: 1, columns: 72))
    }
    do {
      _ = try network.gradient(of: .probability(index: 0), inputs: Matrix(rows: 1, columns: 72))
      Issue.record("a convolution must be rejected")
    } catch {
      #expect(error.description.contains("dense networks only"))
    }
    let dense = try NetworkSpecification(dense: "5-7-4-3").build(name: "mlp", inputShape: .vector(5), classes: 3, seed: 1)
    #expect(throws: NeuralEngineError.self) {
      try dense.hessianVectorProduct(
        of: .probability(index: 0), inputs: Matrix(rows: 1, columns: 5), direction: ParameterVector(weights: [], biases: []))
    }
    #expect(throws: NeuralEngineError.self) {
      try dense.gradient(of: .probability(index: 3), inputs: Matrix(rows: 1, columns: 5))
    }
  }
}
