import Trace

/// A 2-D convolution: each filter slides over the padded input with a stride and computes
/// h(Σ w · x + b) at every output position. Computed as im2col followed by a matrix product,
/// the view every systolic accelerator (and the trace format) takes of it.
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
    let limit = activation == .relu || activation == .relu6 ? (6 / Float(fanIn)).squareRoot() : (6 / Float(fanIn + fanOut)).squareRoot()
    weights = Matrix(rows: shape.filters, columns: fanIn, values: (0..<(fanIn * shape.filters)).map { _ in Initialisation.uniform(limit, &generator) })
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
    let inputHeight = shape.input.height
    let inputWidth = shape.input.width
    for sample in 0..<input.rows {
      let sampleBase = sample * input.columns
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let row = (sample * positions + oy * out.width + ox) * k
          var column = 0
          for channel in 0..<shape.input.channels {
            for ky in 0..<shape.kernelHeight {
              let y = oy * shape.strideY + ky - shape.paddingY
              for kx in 0..<shape.kernelWidth {
                let x = ox * shape.strideX + kx - shape.paddingX
                if y >= 0, y < inputHeight, x >= 0, x < inputWidth {
                  columns.values[row + column] = input.values[sampleBase + (channel * inputHeight + y) * inputWidth + x]
                }
                column += 1
              }
            }
          }
        }
      }
    }
    return columns
  }

  /// Adds the receptive-field gradients back onto the input positions they came from.
  func col2im(_ columns: Matrix, samples: Int) -> Matrix {
    let out = output
    let positions = out.height * out.width
    let k = columns.columns
    var input = Matrix(rows: samples, columns: shape.input.elementCount)
    let inputHeight = shape.input.height
    let inputWidth = shape.input.width
    for sample in 0..<samples {
      let sampleBase = sample * input.columns
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let row = (sample * positions + oy * out.width + ox) * k
          var column = 0
          for channel in 0..<shape.input.channels {
            for ky in 0..<shape.kernelHeight {
              let y = oy * shape.strideY + ky - shape.paddingY
              for kx in 0..<shape.kernelWidth {
                let x = ox * shape.strideX + kx - shape.paddingX
                if y >= 0, y < inputHeight, x >= 0, x < inputWidth {
                  input.values[sampleBase + (channel * inputHeight + y) * inputWidth + x] += columns.values[row + column]
                }
                column += 1
              }
            }
          }
        }
      }
    }
    return input
  }

  /// Position-major rows ((batch·positions) × filters) to channel-major samples
  /// (batch × filters·positions), the layout the next layer reads.
  func toChannelMajor(_ z: Matrix, samples: Int) -> Matrix {
    let positions = z.rows / max(samples, 1)
    var result = Matrix(rows: samples, columns: positions * shape.filters)
    for sample in 0..<samples {
      for position in 0..<positions {
        for filter in 0..<shape.filters {
          result.values[sample * result.columns + filter * positions + position] = z.values[(sample * positions + position) * shape.filters + filter]
        }
      }
    }
    return result
  }

  /// The inverse of `toChannelMajor`.
  func toPositionMajor(_ a: Matrix) -> Matrix {
    let positions = a.columns / shape.filters
    var result = Matrix(rows: a.rows * positions, columns: shape.filters)
    for sample in 0..<a.rows {
      for position in 0..<positions {
        for filter in 0..<shape.filters {
          result.values[(sample * positions + position) * shape.filters + filter] = a.values[sample * a.columns + filter * positions + position]
        }
      }
    }
    return result
  }
}
