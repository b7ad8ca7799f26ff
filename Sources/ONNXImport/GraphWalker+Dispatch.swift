extension GraphWalker {
  /// Handles the current node by its operator type.
  mutating func apply() throws(ONNXImportError) {
    switch node.opType {
    case "Conv": try convolution()
    case "Gemm": try gemm()
    case "MatMul": try matMul()
    case "MaxPool": try pool(.maxpool)
    case "AveragePool": try pool(.avgpool)
    case "GlobalAveragePool": try globalPool(.avgpool)
    case "GlobalMaxPool": try globalPool(.maxpool)
    case "Relu", "Sigmoid", "Tanh", "Clip", "Softmax": try activation()
    case "BatchNormalization", "InstanceNormalization", "GroupNormalization", "LayerNormalization": try normalization()
    case "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum": try reduction()
    case "Identity", "Dropout", "Cast", "Erf", "Gelu", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Floor", "Ceil",
      "Round", "Sign", "Not", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Celu", "Softplus", "Softsign", "Mish",
      "LogSoftmax":
      try unary()
    case "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Sum", "Mean", "Equal", "Less", "Greater", "LessOrEqual",
      "GreaterOrEqual", "And", "Or", "Xor", "PRelu", "Where":
      try broadcasting()
    case "Reshape": try reshape()
    case "Flatten": try flatten()
    case "Transpose": try transpose()
    case "Squeeze": try squeeze()
    case "Unsqueeze": try unsqueeze()
    case "Concat": try concat()
    case "Split": try split()
    case "Slice": try slice()
    case "Gather": try gather()
    case "Shape": try shapeOf()
    case "Size": try sizeOf()
    case "Constant": try constantNode()
    case "ConstantOfShape": try constantOfShape()
    case "Expand": try expand()
    case "Tile": try tile()
    case "Range": try range()
    default:
      throw fail("unsupported operator; \(ONNXOperators.summary)")
    }
  }
}
