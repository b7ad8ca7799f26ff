import SimKernel
import Trace

/// A network described the way `axsim nn train` takes it: optional convolution and pooling
/// stages, then dense widths.
///
/// - `dense`: "64-32-10": the dense layers' widths, the first being their input (after the
///   convolutions, flattened), the last the number of classes.
/// - `convolution`: "6c3p1,maxpool2,16c3p1,maxpool2": a convolution of 6 filters 3×3 with
///   padding 1 (`s2` for stride 2), then 2×2 max pooling (`avgpool2` for average), and so on.
/// - `hiddenActivation`: the non-linearity of every layer but the last (softmax).
public struct NetworkSpecification: Equatable, Sendable {
  /// Dense widths, input first.
  public var dense: [Int]
  /// Convolution and pooling stages, in order.
  public var stages: [Stage]
  /// The hidden layers' activation.
  public var hiddenActivation: Activation

  /// A convolution or pooling stage.
  public enum Stage: Equatable, Sendable {
    /// Filters, square kernel, stride, padding.
    case convolution(filters: Int, kernel: Int, stride: Int, padding: Int)
    /// Max or average pooling over square windows of `size`, stride `size`.
    case pooling(PoolShape.Kind, size: Int)
  }

  /// Parses the command-line forms.
  public init(dense: String, convolution: String? = nil, hiddenActivation: Activation = .relu) throws(NeuralEngineError) {
    let widths = dense.split(separator: "-").map { Int($0) }
    guard widths.count >= 2, widths.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 1 << 20 }) else {
      throw .invalidTopology("\"\(dense)\": expected widths like 64-32-10 (input, hidden..., classes), each in 1...1048576")
    }
    self.dense = widths.compactMap { $0 }
    var stages: [Stage] = []
    for token in (convolution ?? "").split(separator: ",").map({ $0.lowercased() }) where !token.isEmpty {
      if token.hasPrefix("maxpool") || token.hasPrefix("avgpool") {
        guard let size = Int(token.dropFirst(7)), (1...64).contains(size) else {
          throw .invalidTopology("\"\(token)\": expected maxpool<size> or avgpool<size>, such as maxpool2")
        }
        stages.append(.pooling(token.hasPrefix("max") ? .maxpool : .avgpool, size: size))
        continue
      }
      stages.append(try NetworkSpecification.convolutionStage(token))
    }
    self.stages = stages
    self.hiddenActivation = hiddenActivation
    guard ![.softmax, .identity].contains(hiddenActivation) else {
      throw .invalidTopology("hidden layers need a non-linearity: relu, relu6, sigmoid or tanh")
    }
  }

  static func convolutionStage(_ token: String) throws(NeuralEngineError) -> Stage {
    let error = NeuralEngineError.invalidTopology(
      "\"\(token)\": expected <filters>c<kernel>[s<stride>][p<padding>], such as 6c3p1")
    guard let c = token.firstIndex(of: "c"), let filters = Int(token[..<c]) else { throw error }
    var values: [Character: Int] = ["s": 1, "p": 0]
    var field: Character = "k"
    var digits = ""
    for character in token[token.index(after: c)...] + "." {
      if character.isNumber {
        digits.append(character)
        continue
      }
      guard let value = Int(digits), character == "s" || character == "p" || character == "." else { throw error }
      values[field] = value
      field = character
      digits = ""
    }
    guard let kernel = values["k"], let stride = values["s"], let padding = values["p"], (1...4096).contains(filters),
      (1...64).contains(kernel), (1...64).contains(stride), (0...64).contains(padding)
    else { throw error }
    return .convolution(filters: filters, kernel: kernel, stride: stride, padding: padding)
  }

  /// The shape the convolution and pooling stages turn `inputShape` into (what the dense
  /// layers read, flattened).
  public func stagesOutput(for inputShape: TensorShape) throws(NeuralEngineError) -> TensorShape {
    var shape = inputShape
    for (index, stage) in stages.enumerated() {
      switch stage {
      case .convolution(let filters, let kernel, let stride, let padding):
        let geometry = ConvolutionShape(
          input: shape, kernelHeight: kernel, kernelWidth: kernel, filters: filters, strideY: stride, strideX: stride,
          paddingY: padding, paddingX: padding)
        guard let output = geometry.output else {
          throw .invalidTopology("a \(kernel)x\(kernel) kernel does not fit the \(shape) input of stage \(index + 1)")
        }
        shape = output
      case .pooling(let kind, let size):
        guard let output = PoolShape(kind: kind, input: shape, size: size, stride: size).output else {
          throw .invalidTopology("a \(size)x\(size) pooling window does not fit the \(shape) input of stage \(index + 1)")
        }
        shape = output
      }
    }
    return shape
  }

  /// Most weights and biases a network may hold (2^26 ≈ 67 M: 256 MB of binary32, and as
  /// much again for momentum), so a typo such as an extra zero ends with a message rather
  /// than an allocation that exhausts memory.
  public static let maximumParameters = 1 << 26
  /// Most values one sample may occupy in any layer: its input, its output, or a
  /// convolution's receptive fields (2^24: 64 MB of binary32 per sample of a batch).
  public static let maximumValuesPerSample = 1 << 24

  /// Throws, before anything is allocated, if the network for samples of `inputShape` would
  /// exceed `maximumParameters` or `maximumValuesPerSample`.
  func checkBudget(inputShape: TensorShape) throws(NeuralEngineError) {
    var parameters = 0
    var shape = inputShape
    func add(_ count: Int, _ what: String) throws(NeuralEngineError) {
      let (sum, overflow) = parameters.addingReportingOverflow(count)
      guard !overflow, sum <= Self.maximumParameters else {
        throw .invalidTopology(
          "\(what) brings the network above \(Self.maximumParameters) weights and biases; use narrower layers or fewer filters")
      }
      parameters = sum
    }
    func checkValues(_ values: Int, _ what: String) throws(NeuralEngineError) {
      guard values <= Self.maximumValuesPerSample else {
        throw .invalidTopology(
          "\(what) holds \(values) values per sample, more than \(Self.maximumValuesPerSample); use fewer filters, a larger stride or pooling"
        )
      }
    }
    try checkValues(inputShape.elementCount, "the input")
    for (index, stage) in stages.enumerated() {
      // Widths are bounded by the parser (filters ≤ 4096, kernel ≤ 64), so these products fit.
      switch stage {
      case .convolution(let filters, let kernel, let stride, let padding):
        let geometry = ConvolutionShape(
          input: shape, kernelHeight: kernel, kernelWidth: kernel, filters: filters, strideY: stride, strideX: stride,
          paddingY: padding, paddingX: padding)
        guard let output = geometry.output else { return }  // `build` names the misfit.
        let fanIn = shape.channels * kernel * kernel
        try checkValues(output.height * output.width * fanIn, "convolution stage \(index + 1) (its receptive fields)")
        try checkValues(output.elementCount, "convolution stage \(index + 1)")
        try add(filters * (fanIn + 1), "convolution stage \(index + 1)")
        shape = output
      case .pooling(let kind, let size):
        guard let output = PoolShape(kind: kind, input: shape, size: size, stride: size).output else { return }
        shape = output
      }
    }
    for index in 1..<dense.count {
      // Widths are at most 2^20 each, so the product fits in 64 bits.
      try add(dense[index - 1] * dense[index] + dense[index], "dense layer \(dense[index - 1])-\(dense[index])")
    }
  }

  /// A freshly initialised network for samples of `inputShape` with `classes` classes.
  public func build(name: String, inputShape: TensorShape, classes: Int, seed: UInt64) throws(NeuralEngineError) -> Network {
    try checkBudget(inputShape: inputShape)
    var generator = SplitMix64(seed: seed)
    var layers: [NetworkLayer] = []
    var shape = inputShape
    for stage in stages {
      switch stage {
      case .convolution(let filters, let kernel, let stride, let padding):
        let geometry = ConvolutionShape(
          input: shape, kernelHeight: kernel, kernelWidth: kernel, filters: filters, strideY: stride, strideX: stride,
          paddingY: padding, paddingX: padding)
        guard let output = geometry.output else {
          throw .invalidTopology("a \(kernel)x\(kernel) kernel does not fit the \(shape) input of stage \(layers.count + 1)")
        }
        layers.append(.convolution(ConvolutionLayer(shape: geometry, activation: hiddenActivation, using: &generator)))
        shape = output
      case .pooling(let kind, let size):
        let geometry = PoolShape(kind: kind, input: shape, size: size, stride: size)
        guard let output = geometry.output else {
          throw .invalidTopology("a \(size)x\(size) pooling window does not fit the \(shape) input of stage \(layers.count + 1)")
        }
        layers.append(.pooling(PoolingLayer(shape: geometry)))
        shape = output
      }
    }
    guard dense[0] == shape.elementCount else {
      throw .invalidTopology(
        "the dense layers read \(shape.elementCount) features (\(shape)); start the topology with \(shape.elementCount), e.g. \(shape.elementCount)-32-\(classes)"
      )
    }
    guard dense[dense.count - 1] == classes else {
      throw .invalidTopology("the data set has \(classes) classes; end the topology with \(classes)")
    }
    for index in 1..<dense.count {
      let isLast = index == dense.count - 1
      layers.append(
        .dense(
          DenseLayer(
            inputs: dense[index - 1], outputs: dense[index], activation: isLast ? .softmax : hiddenActivation, using: &generator))
      )
    }
    return try Network(name: name, layers: layers)
  }
}
