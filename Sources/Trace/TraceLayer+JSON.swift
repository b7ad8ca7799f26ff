import AxJSON

extension TraceLayer {
  /// Reads one layer of a trace of format `version`; keys of a newer version than the
  /// document declares are refused, naming the version they need.
  init(json node: JSONNode, version: Int) throws(JSONDecodeError) {
    var object = try node.object()
    name = try object.required("name").string()
    let dimension = 1...TraceLimits.maximumDimension
    let opNode = try object.required("op")
    let op = try opNode.string(oneOf: ["dense", "conv2d", "maxpool", "avgpool", "gemm"])
    /// The node of a version-2 key, refused in a version-1 document.
    func version2(_ key: String) throws(JSONDecodeError) -> JSONNode? {
      guard let keyNode = object.optional(key) else { return nil }
      guard version >= 2 else { throw keyNode.error("key \(key) needs trace format version 2; set \"version\": 2") }
      return keyNode
    }
    switch op {
    case "dense":
      operation = .dense(
        inputs: try object.required("inputs").int(in: dimension),
        outputs: try object.required("outputs").int(in: dimension))
    case "conv2d":
      let input = try TensorShape(json: try object.required("input"))
      let (kernelHeight, kernelWidth) = try TraceLayer.pair(try object.required("kernel"), in: dimension)
      let filters = try object.required("filters").int(in: dimension)
      let (strideY, strideX) =
        try object.optional("stride").map { node throws(JSONDecodeError) in
          try TraceLayer.pair(node, in: dimension)
        } ?? (1, 1)
      let padding = try object.optional("padding").map { node throws(JSONDecodeError) in
        try TraceLayer.padding(node, version: version)
      }
      let ceilMode = try object.optional("ceil_mode")?.bool() ?? false
      let (dilationY, dilationX) =
        try version2("dilation").map { node throws(JSONDecodeError) in try TraceLayer.pair(node, in: dimension) } ?? (1, 1)
      let groups = try version2("groups")?.int(in: dimension) ?? 1
      operation = .conv2d(
        ConvolutionShape(
          input: input, kernelHeight: kernelHeight, kernelWidth: kernelWidth, filters: filters,
          strideY: strideY, strideX: strideX, paddingY: padding?.top ?? 0, paddingX: padding?.left ?? 0,
          ceilMode: ceilMode, paddingBottom: padding?.bottom ?? 0, paddingRight: padding?.right ?? 0,
          dilationY: dilationY, dilationX: dilationX, groups: groups))
    case "maxpool", "avgpool":
      let kind: PoolShape.Kind = op == "maxpool" ? .maxpool : .avgpool
      let input = try TensorShape(json: try object.required("input"))
      let sizeNode = try object.required("size")
      if case .array = sizeNode.value, version < 2 {
        throw sizeNode.error("key size: a [rows, columns] window needs trace format version 2; set \"version\": 2")
      }
      let (size, sizeX) = try TraceLayer.pair(sizeNode, in: dimension)
      var (stride, strideX) = (size, sizeX)
      if let strideNode = object.optional("stride") {
        if case .array = strideNode.value, version < 2 {
          throw strideNode.error("key stride: a [y, x] stride needs trace format version 2; set \"version\": 2")
        }
        (stride, strideX) = try TraceLayer.pair(strideNode, in: dimension)
      }
      let padding = try version2("padding").map { node throws(JSONDecodeError) in
        try TraceLayer.padding(node, version: version)
      }
      let ceilMode = try version2("ceil_mode")?.bool() ?? false
      operation = .pool(
        PoolShape(
          kind: kind, input: input, size: size, sizeX: sizeX, stride: stride, strideX: strideX,
          paddingTop: padding?.top ?? 0, paddingLeft: padding?.left ?? 0, paddingBottom: padding?.bottom ?? 0,
          paddingRight: padding?.right ?? 0, ceilMode: ceilMode))
    default:
      let shape = GEMMShape(
        m: try object.required("m").int(in: dimension), n: try object.required("n").int(in: dimension),
        k: try object.required("k").int(in: dimension))
      operation = .gemm(shape, groups: try version2("groups")?.int(in: dimension) ?? 1)
    }
    batch = try object.optional("batch")?.int(in: dimension) ?? 1
    let activationNames = Activation.allCases.map(\.rawValue)
    activation =
      try object.optional("activation").map { node throws(JSONDecodeError) in
        Activation(rawValue: try node.string(oneOf: activationNames)) ?? .identity
      } ?? .identity
    precision =
      try object.optional("precision").map { node throws(JSONDecodeError) in
        try LayerPrecision(json: node)
      } ?? .full16
    approximation =
      try object.optional("approximation").map { node throws(JSONDecodeError) in
        try ApproximationSettings(json: node)
      } ?? .exact
    statistics =
      try object.optional("statistics").map { node throws(JSONDecodeError) in
        try OperandStatistics(json: node)
      } ?? .none
    parameters = try object.optional("parameters").map { node throws(JSONDecodeError) in try LayerParameters(json: node) }
    if let sparsityNode = try version2("sparsity") {
      let text = try sparsityNode.string()
      guard let pattern = StructuredSparsity(text: text) else {
        throw sparsityNode.error(
          expected: "\"N:M\" with integers 1 <= N <= M <= \(StructuredSparsity.maximumBlock) (N non-zero weights in every M)")
      }
      guard op != "maxpool", op != "avgpool" else { throw sparsityNode.error("key sparsity: a pooling layer has no weights") }
      sparsity = pattern.isDense ? nil : pattern
    } else {
      sparsity = nil
    }
    try object.rejectUnknownKeys()
  }

  /// A `[a, b]` pair or a single number meaning `[n, n]`.
  static func pair(_ node: JSONNode, in range: ClosedRange<Int>) throws(JSONDecodeError) -> (Int, Int) {
    if case .array = node.value {
      let elements = try node.array()
      guard elements.count == 2 else { throw node.error(expected: "a number or a pair [rows, columns]") }
      return (try elements[0].int(in: range), try elements[1].int(in: range))
    }
    let value = try node.int(in: range)
    return (value, value)
  }

  /// Padding as one number (all sides), `[y, x]` (top = bottom, left = right) or, in version
  /// 2, `[top, left, bottom, right]` (ONNX's order: the starts, then the ends).
  static func padding(_ node: JSONNode, version: Int) throws(JSONDecodeError)
    -> (top: Int, left: Int, bottom: Int, right: Int)
  {
    let range = 0...TraceLimits.maximumDimension
    if case .array = node.value {
      let elements = try node.array()
      if elements.count == 4 {
        guard version >= 2 else {
          throw node.error("key padding: [top, left, bottom, right] needs trace format version 2; set \"version\": 2")
        }
        return (
          try elements[0].int(in: range), try elements[1].int(in: range), try elements[2].int(in: range),
          try elements[3].int(in: range)
        )
      }
      guard elements.count == 2 else {
        throw node.error(expected: "a number, a pair [y, x] or (version 2) [top, left, bottom, right]")
      }
      let (y, x) = (try elements[0].int(in: range), try elements[1].int(in: range))
      return (y, x, y, x)
    }
    let value = try node.int(in: range)
    return (value, value, value, value)
  }

  /// Whether the layer uses a feature of trace format version 2.
  var needsVersion2: Bool {
    if sparsity != nil { return true }
    switch operation {
    case .dense: return false
    case .conv2d(let conv): return conv.needsVersion2
    case .pool(let pool): return !pool.isSimple
    case .gemm(_, let groups): return groups != 1
    }
  }

  var jsonValue: JSONValue {
    var object = JSONObject()
    object["name"] = .string(name)
    object["op"] = .string(operation.kindName)
    switch operation {
    case .dense(let inputs, let outputs):
      object["inputs"] = .number(inputs)
      object["outputs"] = .number(outputs)
    case .conv2d(let conv):
      object["input"] = conv.input.jsonValue
      object["kernel"] = [.number(conv.kernelHeight), .number(conv.kernelWidth)]
      object["filters"] = .number(conv.filters)
      object["stride"] = [.number(conv.strideY), .number(conv.strideX)]
      object["padding"] =
        conv.isAsymmetricallyPadded
        ? [.number(conv.paddingY), .number(conv.paddingX), .number(conv.paddingBottom), .number(conv.paddingRight)]
        : [.number(conv.paddingY), .number(conv.paddingX)]
      if conv.ceilMode { object["ceil_mode"] = true }
      if conv.dilationY != 1 || conv.dilationX != 1 { object["dilation"] = [.number(conv.dilationY), .number(conv.dilationX)] }
      if conv.groups != 1 { object["groups"] = .number(conv.groups) }
    case .pool(let pool):
      object["input"] = pool.input.jsonValue
      object["size"] = pool.sizeX == pool.size ? .number(pool.size) : [.number(pool.size), .number(pool.sizeX)]
      object["stride"] = pool.strideX == pool.stride ? .number(pool.stride) : [.number(pool.stride), .number(pool.strideX)]
      if pool.paddingTop != 0 || pool.paddingLeft != 0 || pool.paddingBottom != 0 || pool.paddingRight != 0 {
        object["padding"] = [
          .number(pool.paddingTop), .number(pool.paddingLeft), .number(pool.paddingBottom), .number(pool.paddingRight),
        ]
      }
      if pool.ceilMode { object["ceil_mode"] = true }
    case .gemm(let gemm, let groups):
      object["m"] = .number(gemm.m)
      object["n"] = .number(gemm.n)
      object["k"] = .number(gemm.k)
      if groups != 1 { object["groups"] = .number(groups) }
    }
    object["batch"] = .number(batch)
    object["activation"] = .string(activation.rawValue)
    object["precision"] = precision.jsonValue
    if approximation != .exact { object["approximation"] = approximation.jsonValue }
    if !statistics.isEmpty { object["statistics"] = statistics.jsonValue }
    if let sparsity { object["sparsity"] = .string(sparsity.description) }
    if let parameters {
      object["parameters"] = [
        "encoding": "float32-le-base64", "weights": .string(LayerParameters.encode(parameters.weights)),
        "biases": .string(LayerParameters.encode(parameters.biases)),
      ]
    }
    return .object(object)
  }
}
