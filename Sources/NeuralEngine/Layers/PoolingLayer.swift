import Trace

/// Max or average pooling over non-overlapping or strided windows of each feature map.
public struct PoolingLayer: Equatable, Sendable {
  /// The geometry, as in the trace format.
  public var shape: PoolShape

  /// A pooling layer.
  public init(shape: PoolShape) { self.shape = shape }

  var output: TensorShape { shape.output ?? TensorShape(channels: shape.input.channels, height: 1, width: 1) }

  /// The pooled values and, for max pooling, the input index each output took.
  func forward(_ input: Matrix) -> (output: Matrix, argmax: [Int32]) {
    let out = output
    var result = Matrix(rows: input.rows, columns: out.elementCount)
    var argmax: [Int32] = shape.kind == .maxpool ? Array(repeating: 0, count: result.values.count) : []
    let height = shape.input.height
    let width = shape.input.width
    let scale = 1 / Float(shape.size * shape.size)
    for sample in 0..<input.rows {
      for channel in 0..<shape.input.channels {
        for oy in 0..<out.height {
          for ox in 0..<out.width {
            var best = -Float.infinity
            var bestIndex = 0
            var sum: Float = 0
            for ky in 0..<shape.size {
              for kx in 0..<shape.size {
                let index = (channel * height + oy * shape.stride + ky) * width + ox * shape.stride + kx
                let value = input.values[sample * input.columns + index]
                sum += value
                if value > best {
                  best = value
                  bestIndex = index
                }
              }
            }
            let target = sample * result.columns + (channel * out.height + oy) * out.width + ox
            if shape.kind == .maxpool {
              result.values[target] = best
              argmax[target] = Int32(bestIndex)
            } else {
              result.values[target] = sum * scale
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
