/// The ONNX operators (default domain) the importer reads, by what they become.
enum ONNXOperators {
  /// Operators that become trace layers.
  static let layers: Set<String> = [
    "Conv", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
  ]

  /// Activations, folded into the MAC layer that produces their input.
  static let activations: Set<String> = ["Relu", "Sigmoid", "Tanh", "Clip", "Softmax"]

  /// Operators that only move shapes (or fold into a layer: batch normalisation, bias adds),
  /// simulated as nothing.
  ///
  /// ReduceMean over the spatial axes of an NCHW tensor is the global
  /// average pool it computes and becomes a layer.
  static let shapeOnly: Set<String> = [
    "Abs", "Add", "And", "BatchNormalization", "Cast", "Ceil", "Celu", "Concat", "Constant", "ConstantOfShape", "Div",
    "Dropout", "Elu", "Equal", "Erf", "Exp", "Expand", "Flatten", "Floor", "Gather", "Gelu", "Greater",
    "GreaterOrEqual", "GroupNormalization", "HardSigmoid", "HardSwish", "Identity", "InstanceNormalization",
    "LayerNormalization", "LeakyRelu", "Less", "LessOrEqual", "Log", "LogSoftmax", "Max", "Mean", "Min", "Mish", "Mod",
    "Mul", "Neg", "Not", "Or", "Pow", "PRelu", "Range", "Reciprocal", "ReduceMax", "ReduceMean", "ReduceMin",
    "ReduceSum", "Reshape", "Round", "Selu", "Shape", "Sign", "Size", "Slice", "Softplus", "Softsign", "Split", "Sqrt",
    "Squeeze", "Sub", "Sum", "Tile", "Transpose", "Unsqueeze", "Where", "Xor",
  ]

  /// One line listing what is supported, for an unsupported-operator error.
  static var summary: String {
    "supported: layers \(layers.sorted().joined(separator: ", ")); activations \(activations.sorted().joined(separator: ", ")); shape-only \(shapeOnly.sorted().joined(separator: ", ")) (docs/import.md)"
  }
}
