import Trace

/// One trace layer as FlexFlow executes it: a convolution (or dense layer) on the PE array,
/// or a pooling pass on the per-row pooling ALUs.
public enum FlexFlowLayerPlan: Equatable, Sendable {
  /// A convolution, dense or GEMM layer on the PE array.
  case array(ArrayLayerPlan)
  /// A pooling layer on the pooling ALUs.
  case pool(PoolLayerPlan)

  /// The layer's name.
  public var name: String {
    switch self {
    case .array(let plan): return plan.name
    case .pool(let plan): return plan.name
    }
  }

  /// Multiply-accumulates the layer performs on the PEs.
  public var macCount: Int {
    switch self {
    case .array(let plan): return plan.loops.macCount
    case .pool: return 0
    }
  }
}

/// A layer mapped onto the PE array: its loop nest, the unrolling chosen for it, and the
/// multiplier its PEs use.
public struct ArrayLayerPlan: Equatable, Sendable {
  /// The layer's name.
  public var name: String
  /// The loop nest.
  public var loops: ConvolutionLoops
  /// The unrolling factors ⟨Tm, Tn, Tr, Tc, Ti, Tj⟩.
  public var unrolling: Unrolling
  /// The PE multiplier: exact, or DRUM-k.
  public var multiplier: ApproximationSettings.Multiplier
  /// Bits of the neuron operand an exact multiply computes with.
  public var inputBits: Int
  /// Bits of the synapse operand an exact multiply computes with.
  public var weightBits: Int
  /// The activation the pooling ALUs apply to each output.
  public var activation: Activation

  /// A plan.
  public init(
    name: String, loops: ConvolutionLoops, unrolling: Unrolling, multiplier: ApproximationSettings.Multiplier = .exact,
    inputBits: Int = 16, weightBits: Int = 16, activation: Activation = .identity
  ) {
    self.name = name
    self.loops = loops
    self.unrolling = unrolling
    self.multiplier = multiplier
    self.inputBits = inputBits
    self.weightBits = weightBits
    self.activation = activation
  }

  /// The widths one product is priced at: k × k for DRUM-k (a k×k exact core behind the
  /// steering logic), input × weight bits for the exact multiplier.
  public var multiplyBits: (a: Int, b: Int) {
    if case .drum(let k) = multiplier { return (k, k) }
    return (inputBits, weightBits)
  }
}

/// A pooling layer on the D pooling ALUs, one per PE row, between the rows and Neuron
/// Buffer 2.
public struct PoolLayerPlan: Equatable, Sendable {
  /// The layer's name.
  public var name: String
  /// Max or average.
  public var kind: PoolShape.Kind
  /// Windows to reduce (batch × channels × output positions).
  public var windows: Int
  /// Elements per window.
  public var windowElements: Int
  /// Whether the pooling rides on the previous layer's output path (its outputs stream
  /// through the pooling ALUs as they leave the rows), costing no cycles of its own.
  public var fused: Bool

  /// A plan.
  public init(name: String, kind: PoolShape.Kind, windows: Int, windowElements: Int, fused: Bool) {
    self.name = name
    self.kind = kind
    self.windows = windows
    self.windowElements = windowElements
    self.fused = fused
  }
}
