/// The kernels a layer launches, in order.
public enum KernelRole: String, CaseIterable, Sendable {
  /// Forward product (or its partial sums when the reduction is split).
  case forward
  /// Sums split-K partial products, adds the bias and applies the activation.
  case reduce
  /// Pooling forward.
  case pool
  /// Gradient of the layer's input.
  case backwardData = "backward_data"
  /// Sums split-K partials of the input gradient.
  case backwardReduce = "backward_reduce"
  /// Gradient of the layer's weights.
  case backwardWeights = "backward_weights"
  /// Pooling backward (routes each gradient to its window's winner).
  case poolBackward = "pool_backward"
  /// SGD-with-momentum weight update.
  case update
}
