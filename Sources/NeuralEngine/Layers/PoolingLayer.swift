import Trace

/// Max or average pooling over non-overlapping or strided windows of each feature map.
public struct PoolingLayer: Equatable, Sendable {
  /// The geometry, as in the trace format.
  public var shape: PoolShape

  /// A pooling layer.
  public init(shape: PoolShape) { self.shape = shape }

  var output: TensorShape { shape.output ?? TensorShape(channels: shape.input.channels, height: 1, width: 1) }

  /// The pooled values and, for max pooling, the input index each output took (the first
  /// of equal maxima).
  func forward(_ input: Matrix) -> (output: Matrix, argmax: [Int32]) {
    let out = output
    var result = Matrix(rows: input.rows, columns: out.elementCount)
    let isMax = shape.kind == .maxpool
    var argmax: [Int32] = isMax ? Array(repeating: 0, count: result.values.count) : []
    let (height, width, size, stride) = (shape.input.height, shape.input.width, shape.size, shape.stride)
    let scale = 1 / Float(size * size)
    input.values.withUnsafeBufferPointer { source in
      result.values.withUnsafeMutableBufferPointer { target in
        argmax.withUnsafeMutableBufferPointer { winners in
          for sample in 0..<input.rows {
            let sampleBase = sample * input.columns
            for channel in 0..<shape.input.channels {
              for oy in 0..<out.height {
                for ox in 0..<out.width {
                  var best = -Float.infinity
                  var bestIndex = 0
                  var sum: Float = 0
                  for ky in 0..<size {
                    let rowStart = (channel * height + oy * stride + ky) * width + ox * stride
                    for kx in 0..<size {
                      let value = source[sampleBase + rowStart + kx]
                      sum += value
                      if value > best {
                        best = value
                        bestIndex = rowStart + kx
                      }
                    }
                  }
                  let index = sample * out.elementCount + (channel * out.height + oy) * out.width + ox
                  if isMax {
                    target[index] = best
                    winners[index] = Int32(bestIndex)
                  } else {
                    target[index] = sum * scale
                  }
                }
              }
            }
          }
        }
      }
    }
    return (result, argmax)
  }

  /// The gradient with respect to the input.
  func backward(_ gradient: Matrix, argmax: [Int32], samples: Int) -> Matrix {
    let out = output
    var result = Matrix(rows: samples, columns: shape.input.elementCount)
    let height = shape.input.height
    let width = shape.input.width
    let scale = 1 / Float(shape.size * shape.size)
    for sample in 0..<samples {
      for channel in 0..<shape.input.channels {
        for oy in 0..<out.height {
          for ox in 0..<out.width {
            let source = sample * gradient.columns + (channel * out.height + oy) * out.width + ox
            let value = gradient.values[source]
            if shape.kind == .maxpool {
              result.values[sample * result.columns + Int(argmax[source])] += value
            } else {
              for ky in 0..<shape.size {
                for kx in 0..<shape.size {
                  let index = (channel * height + oy * shape.stride + ky) * width + ox * shape.stride + kx
                  result.values[sample * result.columns + index] += value * scale
                }
              }
            }
          }
        }
      }
    }
    return result
  }
}
