import Foundation
import Trace

/// The forward value and derivative of each activation, elementwise on a matrix.
/// Softmax is applied row by row; its derivative is folded into the cross-entropy loss (the
/// gradient of loss ∘ softmax with respect to the logits is p − y), so it only appears last.
enum ActivationFunctions {
  static func apply(_ activation: Activation, to z: Matrix) -> Matrix {
    var a = z
    switch activation {
    case .identity: break
    case .sigmoid: for index in a.values.indices { a.values[index] = 1 / (1 + exp(-z.values[index])) }
    case .tanh: for index in a.values.indices { a.values[index] = tanh(z.values[index]) }
    case .relu: for index in a.values.indices { a.values[index] = max(0, z.values[index]) }
    case .relu6: for index in a.values.indices { a.values[index] = min(6, max(0, z.values[index])) }
    case .softmax:
      for row in 0..<z.rows {
        let start = row * z.columns
        var largest = -Float.infinity
        for column in 0..<z.columns { largest = max(largest, z.values[start + column]) }
        var sum: Float = 0
        for column in 0..<z.columns {
          let e = exp(z.values[start + column] - largest)
          a.values[start + column] = e
          sum += e
        }
        for column in 0..<z.columns { a.values[start + column] /= sum }
      }
    }
    return a
  }

  /// dL/dZ from dL/dA for every activation but softmax (whose gradient the loss supplies).
  static func backward(_ activation: Activation, z: Matrix, a: Matrix, gradient: Matrix) -> Matrix {
    var result = gradient
    switch activation {
    case .identity, .softmax: break
    case .sigmoid:
      for index in result.values.indices { result.values[index] *= a.values[index] * (1 - a.values[index]) }
    case .tanh:
      for index in result.values.indices { result.values[index] *= 1 - a.values[index] * a.values[index] }
    case .relu:
      for index in result.values.indices where z.values[index] <= 0 { result.values[index] = 0 }
    case .relu6:
      for index in result.values.indices where z.values[index] <= 0 || z.values[index] >= 6 { result.values[index] = 0 }
    }
    return result
  }

  /// h'(z) and h''(z) at every element, for the R-operator (Pearlmutter 1994) of AxTrain.
  static func derivatives(_ activation: Activation, z: Float, a: Float) -> (first: Float, second: Float) {
    switch activation {
    case .identity, .softmax: return (1, 0)
    case .sigmoid: return (a * (1 - a), a * (1 - a) * (1 - 2 * a))
    case .tanh: return (1 - a * a, -2 * a * (1 - a * a))
    case .relu: return (z > 0 ? 1 : 0, 0)
    case .relu6: return (z > 0 && z < 6 ? 1 : 0, 0)
    }
  }
}
