/// What a layer computes.
public enum LayerOperation: Equatable, Hashable, Sendable {
  /// A fully connected layer: every output neuron is a weighted sum of every input.
  case dense(inputs: Int, outputs: Int)
  /// A 2-D convolution.
  case conv2d(ConvolutionShape)
  /// Max or average pooling over windows of one feature map.
  case pool(PoolShape)
  /// A bare matrix product, as SCALE-Sim's GEMM topologies give it.
  case gemm(GEMMShape)

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

/// The geometry of a 2-D convolution.
public struct ConvolutionShape: Equatable, Hashable, Sendable {
  /// The input feature maps.
  public var input: TensorShape
  /// Kernel rows.
  public var kernelHeight: Int
  /// Kernel columns.
  public var kernelWidth: Int
  /// Output feature maps (filters).
  public var filters: Int
  /// Vertical stride.
  public var strideY: Int
  /// Horizontal stride.
  public var strideX: Int
  /// Zero rows added above and below.
  public var paddingY: Int
  /// Zero columns added left and right.
  public var paddingX: Int
  /// Whether the output size rounds up, `ceil((H + 2P − F) / S) + 1`, as SCALE-Sim's
  /// topologies assume; otherwise it rounds down, as most frameworks do.
  public var ceilMode: Bool

  /// A convolution.
  public init(
    input: TensorShape, kernelHeight: Int, kernelWidth: Int, filters: Int, strideY: Int = 1,
    strideX: Int = 1, paddingY: Int = 0, paddingX: Int = 0, ceilMode: Bool = false
  ) {
    self.input = input
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.filters = filters
    self.strideY = strideY
    self.strideX = strideX
    self.paddingY = paddingY
    self.paddingX = paddingX
    self.ceilMode = ceilMode
  }

  /// The output shape, or nil when the kernel does not fit the padded input.
  public var output: TensorShape? {
    guard
      let height = ConvolutionShape.outputLength(
        input.height, kernel: kernelHeight, stride: strideY, padding: paddingY, ceilMode: ceilMode),
      let width = ConvolutionShape.outputLength(
        input.width, kernel: kernelWidth, stride: strideX, padding: paddingX, ceilMode: ceilMode)
    else { return nil }
    return TensorShape(channels: filters, height: height, width: width)
  }

  static func outputLength(_ length: Int, kernel: Int, stride: Int, padding: Int, ceilMode: Bool)
    -> Int?
  {
    let span = length + 2 * padding - kernel
    guard span >= 0, stride > 0 else { return nil }
    return (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
  }
}

/// The geometry of a pooling layer.
public struct PoolShape: Equatable, Hashable, Sendable {
  /// Which reduction the window applies.
  public enum Kind: String, CaseIterable, Equatable, Hashable, Sendable {
    /// The window's maximum.
    case maxpool
    /// The window's mean.
    case avgpool
  }

  /// Max or average.
  public var kind: Kind
  /// The input feature maps.
  public var input: TensorShape
  /// Window rows and columns.
  public var size: Int
  /// Step between windows.
  public var stride: Int

  /// A pooling layer.
  public init(kind: Kind, input: TensorShape, size: Int, stride: Int) {
    self.kind = kind
    self.input = input
    self.size = size
    self.stride = stride
  }

  /// The output shape, or nil when the window does not fit.
  public var output: TensorShape? {
    guard size <= input.height, size <= input.width, stride > 0 else { return nil }
    return TensorShape(
      channels: input.channels, height: (input.height - size) / stride + 1,
      width: (input.width - size) / stride + 1)
  }
}
