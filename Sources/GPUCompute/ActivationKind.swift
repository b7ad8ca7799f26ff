import Trace

/// The activation classes that cost differently on the SIMDs.
public enum ActivationKind: Equatable, Hashable, Sendable {
  /// None.
  case identity
  /// ReLU: `v_max_f32`; its derivative a `v_cndmask_b32`.
  case relu
  /// ReLU clamped at 6: `v_max_f32` and a min.
  case relu6
  /// Sigmoid, tanh, softmax: an exponential approximation, four FP operations.
  case smooth
}

extension ActivationKind {
  /// The cost class of a trace activation.
  init(_ activation: Activation) {
    switch activation {
    case .identity: self = .identity
    case .relu: self = .relu
    case .relu6: self = .relu6
    case .sigmoid, .tanh, .softmax: self = .smooth
    }
  }
}

/// The VALU work of an activation per output element.
enum ActivationCost {
  /// VALU instructions per output of `activation` (ReLU: `v_max_f32`; ReLU6 adds a min;
  /// sigmoid, tanh and softmax's exponential take four, for an exponential approximation).
  static func operations(_ activation: ActivationKind) -> Int {
    switch activation {
    case .identity: return 0
    case .relu: return 1
    case .relu6: return 2
    case .smooth: return 4
    }
  }
}
