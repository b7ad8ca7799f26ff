/// What a layer computes.
public enum LayerOperation: Equatable, Hashable, Sendable {
  /// A fully connected layer: every output neuron is a weighted sum of every input.
  case dense(inputs: Int, outputs: Int)
  /// A 2-D convolution, possibly grouped or dilated.
  case conv2d(ConvolutionShape)
  /// Max or average pooling over windows of one feature map.
  case pool(PoolShape)
  /// `groups` independent matrix products of one shape: a bare GEMM as SCALE-Sim's GEMM
  /// topologies give it (`groups` = 1), or a batched product such as attention's Q·Kᵀ over
  /// batch × heads (trace format version 2).
  case gemm(GEMMShape, groups: Int = 1)

  /// The operation's name in the trace format.
  public var kindName: String {
    switch self {
    case .dense: return "dense"
    case .conv2d: return "conv2d"
    case .pool(let pool): return pool.kind.rawValue
    case .gemm: return "gemm"
    }
  }
}
