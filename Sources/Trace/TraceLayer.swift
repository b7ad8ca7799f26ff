/// One layer of a network trace: what it computes, on how many samples, at what precision,
/// with which approximation, and what its real operands looked like.
public struct TraceLayer: Equatable, Hashable, Sendable {
  /// A name unique within the trace (`conv1`, `fc2`).
  public var name: String
  /// The computation and its shapes.
  public var operation: LayerOperation
  /// Samples processed together.
  public var batch: Int
  /// The non-linearity applied to the outputs.
  public var activation: Activation
  /// Operand precision, per layer or per neuron.
  public var precision: LayerPrecision
  /// Approximate arithmetic and storage.
  public var approximation: ApproximationSettings
  /// Measured operand statistics (empty for shape-only traces).
  public var statistics: OperandStatistics
  /// Trained weights and biases, when the trace carries them (NN-engine traces do).
  public var parameters: LayerParameters?
  /// N:M structured sparsity of the weights, when declared (SCALE-Sim v3 topologies); nil for
  /// a dense layer.
  public var sparsity: StructuredSparsity?

  /// A layer.
  public init(
    name: String, operation: LayerOperation, batch: Int = 1, activation: Activation = .identity,
    precision: LayerPrecision = .full16, approximation: ApproximationSettings = .exact,
    statistics: OperandStatistics = .none, parameters: LayerParameters? = nil, sparsity: StructuredSparsity? = nil
  ) {
    self.parameters = parameters
    self.sparsity = sparsity
    self.name = name
    self.operation = operation
    self.batch = batch
    self.activation = activation
    self.precision = precision
    self.approximation = approximation
    self.statistics = statistics
  }

  /// The per-sample input shape.
  public var inputShape: TensorShape {
    switch operation {
    case .dense(let inputs, _): return .vector(inputs)
    case .conv2d(let conv): return conv.input
    case .pool(let pool): return pool.input
    case .gemm(let gemm, _): return .vector(gemm.k)
    }
  }

  /// The per-sample output shape, or nil when the geometry is impossible.
  public var outputShape: TensorShape? {
    switch operation {
    case .dense(_, let outputs): return .vector(outputs)
    case .conv2d(let conv): return conv.output
    case .pool(let pool): return pool.output
    case .gemm(let gemm, _): return .vector(gemm.n)
    }
  }

  /// ONE matrix product the array executes for this layer, or nil for pooling (which has no
  /// weights). A grouped layer performs `gemmGroups` such products: every consumer must use
  /// both (`macCount` = `gemmGroups` × M·N·K).
  ///
  /// For a convolution of G groups the product is one group's: M = batch × output positions,
  /// N = filters / G, K = kernel height × width × channels / G.
  public var gemm: GEMMShape? {
    switch operation {
    case .dense(let inputs, let outputs): return GEMMShape(m: batch, n: outputs, k: inputs)
    case .conv2d(let conv):
      // Overflow-checked: a trace built in code is not yet validated.
      guard let output = conv.output else { return nil }
      let (positions, overflowPositions) = output.height.multipliedReportingOverflow(by: output.width)
      let (m, overflowM) = positions.multipliedReportingOverflow(by: batch)
      let (taps, overflowTaps) = conv.kernelHeight.multipliedReportingOverflow(by: conv.kernelWidth)
      let (k, overflowK) = taps.multipliedReportingOverflow(by: conv.channelsPerGroup)
      guard !overflowPositions, !overflowM, !overflowTaps, !overflowK else { return nil }
      return GEMMShape(m: m, n: conv.filtersPerGroup, k: k)
    case .pool: return nil
    case .gemm(let gemm, _): return gemm
    }
  }

  /// Independent products of `gemm`'s shape the layer performs: a convolution's groups, a
  /// batched GEMM's count, 1 for a dense layer (and for pooling, which has none).
  public var gemmGroups: Int {
    switch operation {
    case .dense, .pool: return 1
    case .conv2d(let conv): return conv.groups
    case .gemm(_, let groups): return groups
    }
  }

  /// Multiply-accumulates of the whole layer: `gemmGroups` × M·N·K (0 for pooling).
  public var macCount: Int { gemm.map { gemmGroups * $0.macCount } ?? 0 }

  /// Output neurons that own a precision: outputs of a dense layer, filters of a convolution
  /// (over all groups), columns of a GEMM (shared by all its products), channels of a pooling
  /// layer.
  public var neuronCount: Int {
    switch operation {
    case .dense(_, let outputs): return outputs
    case .conv2d(let conv): return conv.filters
    case .pool(let pool): return pool.input.channels
    case .gemm(let gemm, _): return gemm.n
    }
  }
}
