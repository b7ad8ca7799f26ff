import Foundation
import Trace

/// Gradients of one batch: per layer, the weight and bias gradients and each neuron's summed
/// |∂E/∂z| (AxNN's backpropagated error, averaged over convolution positions).
struct Gradients {
  var weights: [Matrix?]
  var biases: [[Float]?]
  var neuronErrors: [[Float]?]
}

extension Network {
  /// Backpropagates `outputGradient` (∂E/∂z of the last layer) through the pass. Layers marked
  /// in `straightThrough` clip their error as AxTrain's straight-through estimator does:
  /// grad_in = grad_out · 1{|grad_out| < 1} (AxTrain Eq. 12), so noise from an approximate
  /// forward pass cannot blow up the update.
  func backward(_ pass: ForwardPass, outputGradient: Matrix, straightThrough: [Bool]) -> Gradients {
    var gradients = Gradients(
      weights: Array(repeating: nil, count: layers.count), biases: Array(repeating: nil, count: layers.count),
      neuronErrors: Array(repeating: nil, count: layers.count))
    var upstream = outputGradient
    for index in stride(from: layers.count - 1, through: 0, by: -1) {
      let isLast = index == layers.count - 1
      switch layers[index] {
      case .dense(let dense):
        var dz = upstream
        if !isLast {
          if let mask = pass.dropoutMasks[index] { for element in dz.values.indices { dz.values[element] *= mask.values[element] } }
          if let z = pass.preActivations[index], let a = pass.outputs[index] {
            dz = ActivationFunctions.backward(dense.activation, z: z, a: a, gradient: dz)
          }
        }
        if straightThrough[index] { Self.clip(&dz) }
        gradients.weights[index] = Kernels.multiplyLeftTransposed(dz, pass.inputs[index])
        gradients.biases[index] = Self.columnSums(dz)
        gradients.neuronErrors[index] = Self.columnSums(dz, absolute: true)
        if index > 0 { upstream = Kernels.multiply(dz, dense.weights) }
      case .convolution(let convolution):
        var dz = upstream
        if let z = pass.preActivations[index], let a = pass.outputs[index] {
          dz = ActivationFunctions.backward(convolution.activation, z: z, a: a, gradient: dz)
        }
        if straightThrough[index] { Self.clip(&dz) }
        let positionMajor = convolution.toPositionMajor(dz)
        if let columns = pass.columns[index] {
          gradients.weights[index] = Kernels.multiplyLeftTransposed(positionMajor, columns)
          if index > 0 {
            upstream = convolution.col2im(Kernels.multiply(positionMajor, convolution.weights), samples: dz.rows)
          }
        }
        gradients.biases[index] = Self.columnSums(positionMajor)
        let positions = Float(max(1, positionMajor.rows / max(1, dz.rows)))
        gradients.neuronErrors[index] = Self.columnSums(positionMajor, absolute: true).map { $0 / positions }
      case .pooling(let pooling):
        if index > 0 { upstream = pooling.backward(upstream, argmax: pass.argmax[index], samples: upstream.rows) }
      }
    }
    return gradients
  }

  static func clip(_ gradient: inout Matrix) {
    for index in gradient.values.indices where abs(gradient.values[index]) >= 1 { gradient.values[index] = 0 }
  }

  static func columnSums(_ matrix: Matrix, absolute: Bool = false) -> [Float] {
    var sums = Array(repeating: Float(0), count: matrix.columns)
    for row in 0..<matrix.rows {
      for column in 0..<matrix.columns {
        let value = matrix.values[row * matrix.columns + column]
        sums[column] += absolute ? abs(value) : value
      }
    }
    return sums
  }

  /// ∂E/∂z of a softmax output under cross-entropy, averaged over the batch: (p − y) / B.
  static func crossEntropyGradient(probabilities: Matrix, labels: ArraySlice<Int>) -> (gradient: Matrix, loss: Double) {
    var gradient = probabilities
    var loss = 0.0
    let scale = 1 / Float(probabilities.rows)
    for (row, label) in labels.enumerated() {
      loss -= Double(log(max(probabilities[row, label], 1e-12)))
      gradient[row, label] -= 1
    }
    for index in gradient.values.indices { gradient.values[index] *= scale }
    return (gradient, loss / Double(probabilities.rows))
  }
}
