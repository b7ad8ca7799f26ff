import Trace

/// A 2-D convolution: each filter computes h(Σ w · x + b) at every output position.
///
/// The filter slides over the padded input with a stride. Computed as im2col followed by a
/// matrix product, the view every systolic accelerator (and the trace format) takes of it.
public struct ConvolutionLayer: Equatable, Sendable {
  /// The geometry, as in the trace format.
  public var shape: ConvolutionShape
  /// The non-linearity.
  public var activation: Activation
  /// Weights, one row per filter (filters × channels·kernelHeight·kernelWidth).
  public var weights: Matrix
  /// One bias per filter.
  public var biases: [Float]

  /// A layer with He/Glorot-uniform weights (as `DenseLayer`) and zero biases.
  public init<G: RandomNumberGenerator>(shape: ConvolutionShape, activation: Activation, using generator: inout G) {
    self.shape = shape
    self.activation = activation
    let fanIn = shape.input.channels * shape.kernelHeight * shape.kernelWidth
    let fanOut = shape.filters * shape.kernelHeight * shape.kernelWidth
    let limit =
      activation == .relu || activation == .relu6 ? (6 / Float(fanIn)).squareRoot() : (6 / Float(fanIn + fanOut)).squareRoot()
    weights = Matrix(
      rows: shape.filters, columns: fanIn,
      values: (0..<(fanIn * shape.filters)).map { _ in Initialisation.uniform(limit, &generator) })
    biases = Array(repeating: 0, count: shape.filters)
  }

  /// A layer with the given parameters.
  public init(shape: ConvolutionShape, activation: Activation, weights: Matrix, biases: [Float]) {
    self.shape = shape
    self.activation = activation
    self.weights = weights
    self.biases = biases
  }

  /// The output shape (the geometry is validated when the network is built).
  var output: TensorShape { shape.output ?? TensorShape(channels: shape.filters, height: 1, width: 1) }

  /// The receptive fields of every output position of every sample, one row each:
  /// (batch × positions) × (channels · kh · kw), zero outside the padded input.
  func im2col(_ input: Matrix) -> Matrix {
    let out = output
    let positions = out.height * out.width
    let k = shape.input.channels * shape.kernelHeight * shape.kernelWidth
    var columns = Matrix(rows: input.rows * positions, columns: k)
    let geometry = shape
    input.values.withUnsafeBufferPointer { source in
      columns.values.withUnsafeMutableBufferPointer { target in
        Self.forEachTap(geometry, output: out, samples: input.rows, sampleSize: input.columns) { column, image in
          target[column] = source[image]
        }
      }
    }
    return columns
  }

  /// Adds the receptive-field gradients back onto the input positions they came from.
  func col2im(_ columns: Matrix, samples: Int) -> Matrix {
    let out = output
    var input = Matrix(rows: samples, columns: shape.input.elementCount)
    let sampleSize = input.columns
    columns.values.withUnsafeBufferPointer { source in
      input.values.withUnsafeMutableBufferPointer { target in
        Self.forEachTap(shape, output: out, samples: samples, sampleSize: sampleSize) { column, image in
          target[image] += source[column]
        }
      }
    }
    return input
  }

  /// Calls `body(columnIndex, inputIndex)` for every kernel tap that lands inside the input.
  ///
  /// Taps come in im2col order (sample, output row, output column, channel, kernel row,
  /// kernel column); taps on the padding are skipped. im2col and col2im share it, so they
  /// agree by construction and col2im accumulates in a fixed order.
  @inline(__always)
  static func forEachTap(
    _ shape: ConvolutionShape, output out: TensorShape, samples: Int, sampleSize: Int, _ body: (Int, Int) -> Void
  ) {
    let positions = out.height * out.width
    let k = shape.input.channels * shape.kernelHeight * shape.kernelWidth
    let inputHeight = shape.input.height
    let inputWidth = shape.input.width
    for sample in 0..<samples {
      let sampleBase = sample * sampleSize
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let row = (sample * positions + oy * out.width + ox) * k
          var column = 0
          for channel in 0..<shape.input.channels {
            for ky in 0..<shape.kernelHeight {
              let y = oy * shape.strideY + ky - shape.paddingY
              guard y >= 0, y < inputHeight else {
                column += shape.kernelWidth
                continue
              }
              let imageRow = sampleBase + (channel * inputHeight + y) * inputWidth
              for kx in 0..<shape.kernelWidth {
                let x = ox * shape.strideX + kx - shape.paddingX
                if x >= 0, x < inputWidth { body(row + column, imageRow + x) }
                column += 1
              }
            }
          }
        }
      }
    }
  }

  /// Position-major rows ((batch·positions) × filters) to channel-major samples
  /// (batch × filters·positions), the layout the next layer reads.
  func toChannelMajor(_ z: Matrix, samples: Int) -> Matrix {
    let positions = z.rows / max(samples, 1)
    let filters = shape.filters
    var result = Matrix(rows: samples, columns: positions * filters)
    z.values.withUnsafeBufferPointer { source in
      result.values.withUnsafeMutableBufferPointer { target in
        for sample in 0..<samples {
          for position in 0..<positions {
            let from = (sample * positions + position) * filters
            let to = sample * positions * filters + position
            for filter in 0..<filters { target[to + filter * positions] = source[from + filter] }
          }
        }
      }
    }
    return result
  }

  /// The inverse of `toChannelMajor`.
  func toPositionMajor(_ a: Matrix) -> Matrix {
    let filters = shape.filters
    let positions = a.columns / filters
    var result = Matrix(rows: a.rows * positions, columns: filters)
    a.values.withUnsafeBufferPointer { source in
      result.values.withUnsafeMutableBufferPointer { target in
        for sample in 0..<a.rows {
          for position in 0..<positions {
            let to = (sample * positions + position) * filters
            let from = sample * a.columns + position
            for filter in 0..<filters { target[to + filter] = source[from + filter * positions] }
          }
        }
      }
    }
    return result
  }
}
