/// The shape of an activation tensor for one sample: channels × height × width.
/// A vector of `n` features is `n × 1 × 1`.
public struct TensorShape: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Feature maps (or features of a vector).
  public var channels: Int
  /// Rows of each feature map.
  public var height: Int
  /// Columns of each feature map.
  public var width: Int

  /// A shape.
  public init(channels: Int, height: Int, width: Int) {
    self.channels = channels
    self.height = height
    self.width = width
  }

  /// A flat vector of `features` values.
  public static func vector(_ features: Int) -> TensorShape {
    TensorShape(channels: features, height: 1, width: 1)
  }

  /// The number of values per sample.
  public var elementCount: Int { channels * height * width }

  /// The number of values per sample, or nil when it does not fit an `Int` (a shape no
  /// validated trace holds).
  public var checkedElementCount: Int? {
    let (area, overflow) = height.multipliedReportingOverflow(by: width)
    let (count, overflowCount) = area.multipliedReportingOverflow(by: channels)
    return overflow || overflowCount ? nil : count
  }

  public var description: String { "\(channels)x\(height)x\(width)" }
}

/// A matrix product M×K by K×N: how a layer lands on a MAC array.
///
/// For a dense layer M is the batch, N the output neurons and K the fan-in. For a convolution
/// M is batch × output positions, N the filters and K = kernel height × width × input
/// channels (the im2col view every systolic-array simulator uses, SCALE-Sim included).
public struct GEMMShape: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Rows of the output (independent dot products per output neuron).
  public var m: Int
  /// Columns of the output (output neurons or filters).
  public var n: Int
  /// The reduction length (fan-in).
  public var k: Int

  /// A GEMM shape.
  public init(m: Int, n: Int, k: Int) {
    self.m = m
    self.n = n
    self.k = k
  }

  /// Multiply-accumulate operations in the product.
  public var macCount: Int { m * n * k }

  public var description: String { "M=\(m) N=\(n) K=\(k)" }
}
