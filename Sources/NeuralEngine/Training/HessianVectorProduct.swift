import Trace

/// A value for every weight and bias of a network, shaped like its parameters: a gradient, a
/// direction in weight space, or a Hessian-vector product. Layers without parameters (pooling)
/// hold nil.
public struct ParameterVector: Equatable, Sendable {
  /// Per layer, a matrix shaped like that layer's weights (outputs × inputs), or nil.
  public var weights: [Matrix?]
  /// Per layer, one value per bias, or nil.
  public var biases: [[Float]?]

  /// A vector from per-layer weight and bias parts.
  public init(weights: [Matrix?], biases: [[Float]?]) {
    self.weights = weights
    self.biases = biases
  }

  /// Zero everywhere, shaped like `network`'s parameters.
  public init(zerosLike network: Network) {
    weights = network.layers.map { $0.parameters.map { Matrix(rows: $0.weights.rows, columns: $0.weights.columns) } }
    biases = network.layers.map { $0.parameters.map { Array(repeating: Float(0), count: $0.biases.count) } }
  }

  /// Σ xᵢ·yᵢ over every weight and bias both vectors hold (accumulated in binary64).
  public func dot(_ other: ParameterVector) -> Double {
    var sum = 0.0
    for layer in weights.indices where layer < other.weights.count {
      if let a = weights[layer], let b = other.weights[layer] {
        for index in a.values.indices where index < b.values.count { sum += Double(a.values[index]) * Double(b.values[index]) }
      }
      if let a = biases[layer], let b = other.biases[layer] {
        for index in a.indices where index < b.count { sum += Double(a[index]) * Double(b[index]) }
      }
    }
    return sum
  }
}

/// A scalar function of a network's parameters on a batch of inputs, whose gradient and
/// Hessian-vector products `Network.gradient(of:inputs:)` and
/// `Network.hessianVectorProduct(of:inputs:direction:)` compute.
public enum DifferentiableObjective: Equatable, Sendable {
  /// The mean cross-entropy −log p(label) over the rows (the training loss); one label per row.
  case crossEntropy(labels: [Int])
  /// Σ over the rows of the softmax probability of class `index` (AxTrain's output O_k).
  case probability(index: Int)
}

extension Network {
  /// ∇f: the gradient of `objective` with respect to every weight and bias, on `inputs` (one
  /// sample per row), with exact float arithmetic.
  ///
  /// - Throws: `NeuralEngineError.invalidTopology` unless every layer is dense with an
  ///   elementwise hidden activation (the R-operator here is written for dense networks);
  ///   `.invalidData` for labels or a class index outside the network's classes.
  public func gradient(of objective: DifferentiableObjective, inputs: Matrix) throws(NeuralEngineError) -> ParameterVector {
    let chain = try DenseChain(self)
    let pass = try chain.forward(inputs, objective: objective)
    return chain.parameterVector(pass.deltas, inputs: pass.inputs)
  }

  /// H·v: the Hessian of `objective` times `direction`, computed exactly (up to float rounding)
  /// with Pearlmutter's R-operator (Neural Computation 6(1), 1994), R_v{·} = ∂/∂r (·)(w + r·v)
  /// at r = 0: one forward R-pass for R{z}, R{a}, one backward R-pass for R{∂f/∂z}, then
  /// R{∂f/∂W} = R{δ}ᵀ·a + δᵀ·R{a}. Costs about two extra forward-backward passes.
  ///
  /// - Parameter direction: shaped like the network's parameters (`ParameterVector(zerosLike:)`).
  /// - Throws: as `gradient(of:inputs:)`, and `.invalidArithmetic` for a direction of another shape.
  public func hessianVectorProduct(of objective: DifferentiableObjective, inputs: Matrix, direction: ParameterVector)
    throws(NeuralEngineError) -> ParameterVector
  {
    let chain = try DenseChain(self)
    try chain.checkShape(direction)
    let pass = try chain.forward(inputs, objective: objective)
    var forwardTerms: [Matrix] = []
    var backwardTerms: [Matrix] = []
    for (position, layer) in chain.layers.enumerated() {
      let v = direction.weights[chain.layerIndices[position]] ?? Matrix(rows: layer.outputs, columns: layer.inputs)
      let vb = direction.biases[chain.layerIndices[position]] ?? Array(repeating: 0, count: layer.outputs)
      forwardTerms.append(Kernels.multiplyTransposed(pass.inputs[position], v, bias: vb))
      if position > 0 { backwardTerms.append(Kernels.multiply(pass.deltas[position], v)) }
    }
    let (rDeltas, rInputs) = chain.rPass(pass, objective: objective, forwardTerms: forwardTerms, backwardTerms: backwardTerms)
    return chain.rGradient(pass, rDeltas: rDeltas, rInputs: rInputs)
  }
}

/// A network of dense layers viewed as the chain z = a·Wᵀ + b, a = h(z), ending in a softmax:
/// the forward pass, backpropagation and Pearlmutter's R-passes in exact float arithmetic.
struct DenseChain {
  var layers: [DenseLayer]
  /// The network layer index of each chain layer.
  var layerIndices: [Int]
  var parameterCount: Int

  init(_ network: Network) throws(NeuralEngineError) {
    layers = []
    layerIndices = []
    for (index, layer) in network.layers.enumerated() {
      guard case .dense(let dense) = layer else {
        throw .invalidTopology(
          "layer \(index + 1) of network \(network.name) is not dense; AxTrain's Hessian-vector product (R-operator) supports dense networks only: train this network with plain backpropagation or AxTrain-pas"
        )
      }
      if index < network.layers.count - 1, dense.activation == .softmax {
        throw .invalidTopology(
          "hidden layer \(index + 1) of network \(network.name) uses softmax; the R-operator needs an elementwise hidden activation (sigmoid, tanh, ReLU, ReLU6, identity)"
        )
      }
      layers.append(dense)
      layerIndices.append(index)
    }
    parameterCount = network.layers.count
  }

  /// What the forward and backward passes keep: per chain layer its input a (B × fan-in), its
  /// h'(z) and h''(z), u = δ⁺·W⁺ (the error arriving from above, before h'), and δ = ∂f/∂z.
  struct Pass {
    var inputs: [Matrix] = []
    var first: [Matrix] = []
    var second: [Matrix] = []
    var arriving: [Matrix] = []
    var deltas: [Matrix] = []
    var preActivations: [Matrix] = []
    var probabilities = Matrix(rows: 0, columns: 0)
  }

  func checkShape(_ vector: ParameterVector) throws(NeuralEngineError) {
    guard vector.weights.count == parameterCount, vector.biases.count == parameterCount else {
      throw .invalidArithmetic("a direction for \(vector.weights.count) layers given to a network of \(parameterCount) layers")
    }
    for (position, layer) in layers.enumerated() {
      let index = layerIndices[position]
      if let w = vector.weights[index], w.rows != layer.outputs || w.columns != layer.inputs {
        throw .invalidArithmetic(
          "direction for layer \(index + 1) is \(w.rows)×\(w.columns) but its weights are \(layer.outputs)×\(layer.inputs)")
      }
      if let b = vector.biases[index], b.count != layer.outputs {
        throw .invalidArithmetic("direction for layer \(index + 1) has \(b.count) biases but the layer has \(layer.outputs)")
      }
    }
  }

  /// The plain forward pass (no backward pass yet).
  func forwardOnly(_ inputs: Matrix) throws(NeuralEngineError) -> Pass {
    guard let first = layers.first, inputs.columns == first.inputs else {
      throw .invalidTopology("the network reads \(layers.first?.inputs ?? 0) features per sample but was given \(inputs.columns)")
    }
    var pass = Pass()
    var activations = inputs
    for (position, layer) in layers.enumerated() {
      pass.inputs.append(activations)
      let z = Kernels.multiplyTransposed(activations, layer.weights, bias: layer.biases)
      let a = ActivationFunctions.apply(layer.activation, to: z)
      var first = z
      var second = z
      if position < layers.count - 1 {
        for index in z.values.indices {
          let (d1, d2) = ActivationFunctions.derivatives(layer.activation, z: z.values[index], a: a.values[index])
          first.values[index] = d1
          second.values[index] = d2
        }
      }
      pass.first.append(first)
      pass.second.append(second)
      pass.preActivations.append(z)
      activations = a
    }
    pass.probabilities = activations
    return pass
  }

  /// The forward pass, then backpropagation of `objective` (δ of every layer).
  func forward(_ inputs: Matrix, objective: DifferentiableObjective) throws(NeuralEngineError) -> Pass {
    var pass = try forwardOnly(inputs)
    try backward(&pass, seed: outputDelta(pass.probabilities, objective: objective))
    return pass
  }

  /// δ of the last layer: ∂f/∂z through the softmax.
  func outputDelta(_ p: Matrix, objective: DifferentiableObjective) throws(NeuralEngineError) -> Matrix {
    var delta = p
    switch objective {
    case .crossEntropy(let labels):
      guard labels.count == p.rows else {
        throw .invalidData(file: "objective", message: "\(labels.count) labels for \(p.rows) samples")
      }
      let scale = 1 / Float(max(1, p.rows))
      for (row, label) in labels.enumerated() {
        guard (0..<p.columns).contains(label) else {
          throw .invalidData(file: "objective", message: "label \(label) outside the network's \(p.columns) classes")
        }
        delta[row, label] -= 1
        for column in 0..<p.columns { delta[row, column] *= scale }
      }
    case .probability(let k):
      guard (0..<p.columns).contains(k) else {
        throw .invalidData(file: "objective", message: "class \(k) outside the network's \(p.columns) classes")
      }
      // ∂p_k/∂z_m = p_k (1[m = k] − p_m).
      for row in 0..<p.rows {
        let pk = p[row, k]
        for column in 0..<p.columns { delta[row, column] = pk * ((column == k ? 1 : 0) - p[row, column]) }
      }
    }
    return delta
  }

  /// Backpropagation from the last layer's δ: δ = (δ⁺·W⁺) ⊙ h'(z).
  func backward(_ pass: inout Pass, seed: Matrix) throws(NeuralEngineError) {
    pass.deltas = Array(repeating: seed, count: layers.count)
    pass.arriving = Array(repeating: Matrix(rows: 0, columns: 0), count: layers.count)
    for position in stride(from: layers.count - 2, through: 0, by: -1) {
      let u = Kernels.multiply(pass.deltas[position + 1], layers[position + 1].weights)
      var delta = u
      for index in delta.values.indices { delta.values[index] *= pass.first[position].values[index] }
      pass.arriving[position] = u
      pass.deltas[position] = delta
    }
  }

  /// The forward and backward R-passes for a direction given by its terms: `forwardTerms[l]`
  /// is R's explicit part of z in layer l (Σ_j V_ij·a_j + V_b,i, per row), `backwardTerms[l-1]`
  /// the explicit part of the error arriving at layer l−1 (Σ_i δ_i·V_ij, per row). Rows are
  /// independent, so each sample may carry its own direction.
  /// - Returns: R{δ} and R{a_in} of every layer.
  func rPass(_ pass: Pass, objective: DifferentiableObjective, forwardTerms: [Matrix], backwardTerms: [Matrix])
    -> (rDeltas: [Matrix], rInputs: [Matrix])
  {
    let last = layers.count - 1
    var rInputs = [Matrix(rows: pass.inputs[0].rows, columns: pass.inputs[0].columns)]
    var rZ: [Matrix] = []
    for position in layers.indices {
      var rz = Kernels.multiplyTransposed(rInputs[position], layers[position].weights, bias: nil)
      for index in rz.values.indices { rz.values[index] += forwardTerms[position].values[index] }
      rZ.append(rz)
      if position < last {
        var ra = rz
        for index in ra.values.indices { ra.values[index] *= pass.first[position].values[index] }
        rInputs.append(ra)
      }
    }
    // R{p} = p ⊙ (R{z} − Σ_n p_n R{z_n}) through the softmax Jacobian.
    let p = pass.probabilities
    var rp = rZ[last]
    for row in 0..<p.rows {
      var mean: Float = 0
      for column in 0..<p.columns { mean += p[row, column] * rZ[last][row, column] }
      for column in 0..<p.columns { rp[row, column] = p[row, column] * (rZ[last][row, column] - mean) }
    }
    var rDeltas = Array(repeating: Matrix(rows: 0, columns: 0), count: layers.count)
    var rSeed = rp
    switch objective {
    case .crossEntropy:
      let scale = 1 / Float(max(1, p.rows))
      for index in rSeed.values.indices { rSeed.values[index] *= scale }
    case .probability(let k):
      // R{p_k (1[m = k] − p_m)} = R{p_k}(1[m = k] − p_m) − p_k R{p_m}.
      for row in 0..<p.rows {
        let (pk, rpk) = (p[row, k], rp[row, k])
        for column in 0..<p.columns {
          rSeed[row, column] = rpk * ((column == k ? 1 : 0) - p[row, column]) - pk * rp[row, column]
        }
      }
    }
    rDeltas[last] = rSeed
    for position in stride(from: last - 1, through: 0, by: -1) {
      // R{δ} = (R{δ⁺}·W⁺ + δ⁺·V⁺) ⊙ h'(z) + (δ⁺·W⁺) ⊙ h''(z) ⊙ R{z}.
      var r = Kernels.multiply(rDeltas[position + 1], layers[position + 1].weights)
      let (first, second, arriving, term) = (
        pass.first[position], pass.second[position], pass.arriving[position], backwardTerms[position]
      )
      for index in r.values.indices {
        r.values[index] =
          (r.values[index] + term.values[index]) * first.values[index]
          + arriving.values[index] * second.values[index] * rZ[position].values[index]
      }
      rDeltas[position] = r
    }
    return (rDeltas, rInputs)
  }

  /// R{∂f/∂W} = R{δ}ᵀ·a + δᵀ·R{a} and R{∂f/∂b} = Σ_rows R{δ}, as a parameter vector.
  func rGradient(_ pass: Pass, rDeltas: [Matrix], rInputs: [Matrix]) -> ParameterVector {
    var weights = parameterVector(rDeltas, inputs: pass.inputs)
    for position in layers.indices {
      let index = layerIndices[position]
      let extra = Kernels.multiplyLeftTransposed(pass.deltas[position], rInputs[position])
      guard var w = weights.weights[index] else { continue }
      for element in w.values.indices { w.values[element] += extra.values[element] }
      weights.weights[index] = w
    }
    return weights
  }

  /// δᵀ·a per layer and Σ_rows δ: the weight and bias gradients of the errors `deltas`.
  func parameterVector(_ deltas: [Matrix], inputs: [Matrix]) -> ParameterVector {
    var weights: [Matrix?] = Array(repeating: nil, count: parameterCount)
    var biases: [[Float]?] = Array(repeating: nil, count: parameterCount)
    for position in layers.indices {
      weights[layerIndices[position]] = Kernels.multiplyLeftTransposed(deltas[position], inputs[position])
      biases[layerIndices[position]] = Network.columnSums(deltas[position])
    }
    return ParameterVector(weights: weights, biases: biases)
  }
}
