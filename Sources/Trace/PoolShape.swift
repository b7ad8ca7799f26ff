/// The geometry of a pooling layer: a window of rows × columns moved by a stride over each
/// feature map, optionally over a padded input.
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
  /// Window rows.
  public var size: Int
  /// Vertical step between windows.
  public var stride: Int
  /// Window columns (equal to `size` for a square window).
  public var sizeX: Int
  /// Horizontal step between windows (equal to `stride` unless given).
  public var strideX: Int
  /// Padding rows above the input.
  public var paddingTop: Int
  /// Padding columns left of the input.
  public var paddingLeft: Int
  /// Padding rows below the input.
  public var paddingBottom: Int
  /// Padding columns right of the input.
  public var paddingRight: Int
  /// Whether the output size rounds up (a last, partial window is kept when it starts inside
  /// the input or its left padding, as PyTorch and ONNX define ceil mode).
  public var ceilMode: Bool

  /// A square pooling layer without padding.
  public init(kind: Kind, input: TensorShape, size: Int, stride: Int) {
    self.init(kind: kind, input: input, size: size, sizeX: size, stride: stride, strideX: stride)
  }

  /// A pooling layer of any window, stride and padding.
  public init(
    kind: Kind, input: TensorShape, size: Int, sizeX: Int, stride: Int, strideX: Int, paddingTop: Int = 0,
    paddingLeft: Int = 0, paddingBottom: Int = 0, paddingRight: Int = 0, ceilMode: Bool = false
  ) {
    self.kind = kind
    self.input = input
    self.size = size
    self.sizeX = sizeX
    self.stride = stride
    self.strideX = strideX
    self.paddingTop = paddingTop
    self.paddingLeft = paddingLeft
    self.paddingBottom = paddingBottom
    self.paddingRight = paddingRight
    self.ceilMode = ceilMode
  }

  /// Elements each window reduces (rows × columns, padding included).
  public var windowElements: Int { size * sizeX }

  /// Whether the layer is a square, unpadded, floor-mode window: what trace format version 1
  /// and the NN engine's pooling express.
  public var isSimple: Bool {
    sizeX == size && strideX == stride && paddingTop == 0 && paddingLeft == 0 && paddingBottom == 0 && paddingRight == 0
      && !ceilMode
  }

  /// The output shape, or nil when the window does not fit.
  public var output: TensorShape? {
    guard
      let height = PoolShape.outputLength(
        input.height, window: size, stride: stride, before: paddingTop, after: paddingBottom, ceilMode: ceilMode),
      let width = PoolShape.outputLength(
        input.width, window: sizeX, stride: strideX, before: paddingLeft, after: paddingRight, ceilMode: ceilMode)
    else { return nil }
    return TensorShape(channels: input.channels, height: height, width: width)
  }

  static func outputLength(_ length: Int, window: Int, stride: Int, before: Int, after: Int, ceilMode: Bool) -> Int? {
    let span = length + before + after - window
    guard span >= 0, stride > 0, window > 0 else { return nil }
    guard ceilMode else { return span / stride + 1 }
    var count = (span + stride - 1) / stride + 1
    // The last window must start inside the input or its leading padding.
    if (count - 1) * stride >= length + before { count -= 1 }
    return count
  }
}
