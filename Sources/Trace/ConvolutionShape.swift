/// The geometry of a 2-D convolution, possibly grouped, dilated and asymmetrically padded.
///
/// A convolution of G groups splits the C input channels and the F filters into G equal
/// parts; filter f sees only the C/G channels of its group (G = C = F is a depthwise
/// convolution). A dilation d spreads the kernel taps d positions apart, so a kernel of K taps
/// spans (K − 1)·d + 1 input positions.
public struct ConvolutionShape: Equatable, Hashable, Sendable {
  /// The input feature maps.
  public var input: TensorShape
  /// Kernel rows (taps, before dilation).
  public var kernelHeight: Int
  /// Kernel columns (taps, before dilation).
  public var kernelWidth: Int
  /// Output feature maps (filters), over all groups.
  public var filters: Int
  /// Vertical stride.
  public var strideY: Int
  /// Horizontal stride.
  public var strideX: Int
  /// Zero rows added above the input.
  public var paddingY: Int
  /// Zero columns added left of the input.
  public var paddingX: Int
  /// Zero rows added below the input (equal to `paddingY` unless the padding is asymmetric).
  public var paddingBottom: Int
  /// Zero columns added right of the input (equal to `paddingX` unless asymmetric).
  public var paddingRight: Int
  /// Whether the output size rounds up, `ceil((H + 2P − F) / S) + 1`, as SCALE-Sim's
  /// topologies assume; otherwise it rounds down, as most frameworks do.
  public var ceilMode: Bool
  /// Vertical spacing of kernel taps (1: adjacent).
  public var dilationY: Int
  /// Horizontal spacing of kernel taps (1: adjacent).
  public var dilationX: Int
  /// Groups the channels and filters split into (1: an ordinary convolution; the channel
  /// count: depthwise).
  public var groups: Int

  /// A convolution; `paddingBottom` and `paddingRight` default to `paddingY` and `paddingX`.
  public init(
    input: TensorShape, kernelHeight: Int, kernelWidth: Int, filters: Int, strideY: Int = 1,
    strideX: Int = 1, paddingY: Int = 0, paddingX: Int = 0, ceilMode: Bool = false, paddingBottom: Int? = nil,
    paddingRight: Int? = nil, dilationY: Int = 1, dilationX: Int = 1, groups: Int = 1
  ) {
    self.input = input
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.filters = filters
    self.strideY = strideY
    self.strideX = strideX
    self.paddingY = paddingY
    self.paddingX = paddingX
    self.paddingBottom = paddingBottom ?? paddingY
    self.paddingRight = paddingRight ?? paddingX
    self.ceilMode = ceilMode
    self.dilationY = dilationY
    self.dilationX = dilationX
    self.groups = groups
  }

  /// Whether the padding differs between top and bottom, or left and right.
  public var isAsymmetricallyPadded: Bool { paddingBottom != paddingY || paddingRight != paddingX }

  /// Whether any feature of trace format version 2 is used (groups, dilation, asymmetric
  /// padding), so a version-1 reader could not read the layer.
  public var needsVersion2: Bool { groups != 1 || dilationY != 1 || dilationX != 1 || isAsymmetricallyPadded }

  /// Input rows the kernel spans: (kernel height − 1) · dilation + 1.
  public var kernelExtentY: Int { (kernelHeight - 1) * dilationY + 1 }

  /// Input columns the kernel spans: (kernel width − 1) · dilation + 1.
  public var kernelExtentX: Int { (kernelWidth - 1) * dilationX + 1 }

  /// Input channels each filter sees (C / G).
  public var channelsPerGroup: Int { groups > 0 ? input.channels / groups : 0 }

  /// Filters of one group (F / G).
  public var filtersPerGroup: Int { groups > 0 ? filters / groups : 0 }

  /// The output shape, or nil when the kernel does not fit the padded input or the groups do
  /// not divide the channels and filters.
  public var output: TensorShape? {
    guard groups >= 1, input.channels % groups == 0, filters % groups == 0, dilationY >= 1, dilationX >= 1,
      let height = ConvolutionShape.outputLength(
        input.height, kernel: kernelExtentY, stride: strideY, padding: paddingY + paddingBottom, ceilMode: ceilMode),
      let width = ConvolutionShape.outputLength(
        input.width, kernel: kernelExtentX, stride: strideX, padding: paddingX + paddingRight, ceilMode: ceilMode)
    else { return nil }
    return TensorShape(channels: filters, height: height, width: width)
  }

  /// Output positions along one axis of `length` inputs with `padding` zeros in total, or nil
  /// when the kernel is wider than the padded input.
  static func outputLength(_ length: Int, kernel: Int, stride: Int, padding: Int, ceilMode: Bool) -> Int? {
    let span = length + padding - kernel
    guard span >= 0, stride > 0 else { return nil }
    return (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
  }
}
