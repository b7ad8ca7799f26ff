/// The non-linearity applied to a layer's weighted sums.
public enum Activation: String, CaseIterable, Equatable, Hashable, Sendable {
  /// No activation: the weighted sum itself.
  case identity
  /// The logistic function 1 / (1 + e^-x).
  case sigmoid
  /// The hyperbolic tangent.
  case tanh
  /// max(0, x).
  case relu
  /// min(max(0, x), 6).
  case relu6
  /// The normalised exponential over a layer's outputs.
  case softmax
}
