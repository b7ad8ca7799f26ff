import AxJSON

extension NetworkTrace {
  /// Reads a trace from a parsed JSON document and validates it.
  /// - Parameter node: the document's root node (it carries the file name for errors).
  /// - Throws: `JSONDecodeError` naming the file, the key and what was expected.
  public init(json node: JSONNode) throws(JSONDecodeError) {
    var root = try node.object()
    let formatNode = try root.required("format")
    let format = try formatNode.string()
    guard format == NetworkTrace.formatName else {
      throw formatNode.error(expected: "\"\(NetworkTrace.formatName)\"")
    }
    let versionNode = try root.required("version")
    let version = try versionNode.int(in: 1...Int.max)
    guard version <= NetworkTrace.currentVersion else {
      throw versionNode.error(
        "trace version \(version) is newer than this axsim reads (\(NetworkTrace.currentVersion)); upgrade axsim")
    }
    name = try root.required("name").string()
    topology = .chain
    if let topologyNode = root.optional("topology") {
      let text = try topologyNode.string(oneOf: ["chain", "independent"])
      topology = text == "chain" ? .chain : .independent
    }
    provenance =
      try root.optional("provenance").map { node throws(JSONDecodeError) in
        try Provenance(json: node)
      } ?? Provenance(source: "unspecified")
    let layerNodes = try root.required("layers").nonEmptyArray()
    guard layerNodes.count <= TraceLimits.maximumLayers else {
      throw root.node.error("key layers: more than \(TraceLimits.maximumLayers) layers")
    }
    var layers: [TraceLayer] = []
    layers.reserveCapacity(layerNodes.count)
    for layerNode in layerNodes { layers.append(try TraceLayer(json: layerNode, version: version)) }
    self.layers = layers
    try root.rejectUnknownKeys()
    try validate(layerNodes: layerNodes)
  }

  /// The oldest format version that can express the trace: 2 when a layer is grouped, dilated,
  /// asymmetrically padded, a batched GEMM or a padded or rectangular pool; otherwise 1, so
  /// that traces without those features stay readable by older axsim builds.
  public var minimumVersion: Int { layers.contains(where: \.needsVersion2) ? 2 : 1 }

  /// The trace as a JSON document (write it with `JSONWriter` for sorted, stable bytes), at
  /// `minimumVersion`.
  public var jsonValue: JSONValue {
    var object = JSONObject()
    object["format"] = .string(NetworkTrace.formatName)
    object["version"] = .number(minimumVersion)
    object["name"] = .string(name)
    object["topology"] = .string(topology.rawValue)
    object["provenance"] = provenance.jsonValue
    object["layers"] = .array(layers.map(\.jsonValue))
    return .object(object)
  }
}

extension Provenance {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    source = try object.required("source").string()
    dataset = try object.optional("dataset")?.string()
    seed = try object.optional("seed").map { node throws(JSONDecodeError) in
      UInt64(try node.int(in: 0...Int.max))
    }
    epochs = try object.optional("epochs")?.int(in: 0...1_000_000)
    testAccuracy = try object.optional("test_accuracy")?.double(in: 0...1)
    method = try object.optional("method")?.string()
    var parameters: [Parameter] = []
    if let parametersNode = object.optional("parameters") {
      let reader = try parametersNode.object()
      for key in reader.object.keys {
        var inner = reader
        let value = try inner.required(key).double(in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        parameters.append(Parameter(key, value))
      }
    }
    self.parameters = parameters.sorted { $0.name < $1.name }
    note = try object.optional("note")?.string()
    try object.rejectUnknownKeys()
  }

  var jsonValue: JSONValue {
    var object = JSONObject()
    object["source"] = .string(source)
    if let dataset { object["dataset"] = .string(dataset) }
    if let seed { object["seed"] = .number(seed) }
    if let epochs { object["epochs"] = .number(epochs) }
    if let testAccuracy { object["test_accuracy"] = .number(testAccuracy) }
    if let method { object["method"] = .string(method) }
    if !parameters.isEmpty {
      object["parameters"] = .object(JSONObject(parameters.map { ($0.name, JSONValue.number($0.value)) }))
    }
    if let note { object["note"] = .string(note) }
    return .object(object)
  }
}

extension LayerParameters {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    _ = try object.required("encoding").string(oneOf: ["float32-le-base64"])
    let weightsNode = try object.required("weights")
    let biasesNode = try object.required("biases")
    guard let weights = LayerParameters.decode(try weightsNode.string()) else {
      throw weightsNode.error(expected: "base64 of little-endian float32 finite values")
    }
    guard let biases = LayerParameters.decode(try biasesNode.string()) else {
      throw biasesNode.error(expected: "base64 of little-endian float32 finite values")
    }
    self.init(weights: weights, biases: biases)
    try object.rejectUnknownKeys()
  }
}

extension TensorShape {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    let dimension = 1...TraceLimits.maximumDimension
    channels = try object.required("channels").int(in: dimension)
    height = try object.required("height").int(in: dimension)
    width = try object.required("width").int(in: dimension)
    try object.rejectUnknownKeys()
  }

  var jsonValue: JSONValue {
    ["channels": .number(channels), "height": .number(height), "width": .number(width)]
  }
}

extension LayerPrecision {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    inputBits = try LayerPrecision.bits(try object.required("input_bits"))
    weightBits = try LayerPrecision.bits(try object.required("weight_bits"))
    try object.rejectUnknownKeys()
  }

  static func bits(_ node: JSONNode) throws(JSONDecodeError) -> [Int] {
    let range = 1...TraceLimits.maximumBits
    if case .array = node.value {
      var result: [Int] = []
      for element in try node.nonEmptyArray() { result.append(try element.int(in: range)) }
      return result
    }
    return [try node.int(in: range)]
  }

  var jsonValue: JSONValue {
    func encode(_ bits: [Int]) -> JSONValue {
      bits.count == 1 ? .number(bits[0]) : .array(bits.map { .number($0) })
    }
    return ["input_bits": encode(inputBits), "weight_bits": encode(weightBits)]
  }
}

extension ApproximationSettings {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    let kind = try object.optional("multiplier")?.string(oneOf: ["exact", "drum", "canna", "mantissa"]) ?? "exact"
    switch kind {
    case "drum": multiplier = .drum(k: try object.required("drum_k").int(in: 2...32))
    case "canna": multiplier = .canna(tuningBits: try object.required("canna_tuning_bits").int(in: 0...22))
    case "mantissa": multiplier = .mantissa(bits: try object.required("mantissa_bits").int(in: 1...24))
    default: multiplier = .exact
    }
    weightSRAMVoltage = try object.optional("weight_sram_voltage_v")?.double(in: 0.1...5.0)
    try object.rejectUnknownKeys()
  }

  var jsonValue: JSONValue {
    var object = JSONObject()
    object["multiplier"] = .string(multiplier.kindName)
    switch multiplier {
    case .exact: break
    case .drum(let k): object["drum_k"] = .number(k)
    case .canna(let bits): object["canna_tuning_bits"] = .number(bits)
    case .mantissa(let bits): object["mantissa_bits"] = .number(bits)
    }
    if let weightSRAMVoltage { object["weight_sram_voltage_v"] = .number(weightSRAMVoltage) }
    return .object(object)
  }
}

extension OperandStatistics {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    zeroInputFraction = try object.optional("zero_input_fraction")?.double(in: 0...1)
    zeroWeightFraction = try object.optional("zero_weight_fraction")?.double(in: 0...1)
    meanInputBits = try object.optional("mean_input_bits")?.double(in: 0...64)
    meanWeightBits = try object.optional("mean_weight_bits")?.double(in: 0...64)
    inputToggleFraction = try object.optional("input_toggle_fraction")?.double(in: 0...1)
    weightToggleFraction = try object.optional("weight_toggle_fraction")?.double(in: 0...1)
    inputToggleFractionAcrossRows = try object.optional("input_toggle_fraction_across_rows")?.double(in: 0...1)
    weightToggleFractionAcrossNeurons = try object.optional("weight_toggle_fraction_across_neurons")?.double(in: 0...1)
    cannaHitRate = try OperandStatistics.points(
      object.optional("canna_hit_rate"), key: "tuning_bits", settings: 0...22, values: 0...1)
    drumMeanRelativeError = try OperandStatistics.points(
      object.optional("drum_mean_relative_error"), key: "k", settings: 2...32, values: -1...1)
    sampledProducts = try object.optional("sampled_products")?.int(in: 0...Int.max)
    try object.rejectUnknownKeys()
  }

  static func points(_ node: JSONNode?, key: String, settings: ClosedRange<Int>, values: ClosedRange<Double>)
    throws(JSONDecodeError) -> [TuningPoint]
  {
    guard let node else { return [] }
    var result: [TuningPoint] = []
    for element in try node.array() {
      var point = try element.object()
      let setting = try point.required(key).int(in: settings)
      let value = try point.required("value").double(in: values)
      try point.rejectUnknownKeys()
      guard !result.contains(where: { $0.setting == setting }) else {
        throw element.error("key \(key): \(setting) appears twice")
      }
      result.append(TuningPoint(setting: setting, value: value))
    }
    return result.sorted { $0.setting < $1.setting }
  }

  var jsonValue: JSONValue {
    var object = JSONObject()
    if let zeroInputFraction { object["zero_input_fraction"] = .number(zeroInputFraction) }
    if let zeroWeightFraction { object["zero_weight_fraction"] = .number(zeroWeightFraction) }
    if let meanInputBits { object["mean_input_bits"] = .number(meanInputBits) }
    if let meanWeightBits { object["mean_weight_bits"] = .number(meanWeightBits) }
    if let inputToggleFraction { object["input_toggle_fraction"] = .number(inputToggleFraction) }
    if let weightToggleFraction { object["weight_toggle_fraction"] = .number(weightToggleFraction) }
    if let inputToggleFractionAcrossRows {
      object["input_toggle_fraction_across_rows"] = .number(inputToggleFractionAcrossRows)
    }
    if let weightToggleFractionAcrossNeurons {
      object["weight_toggle_fraction_across_neurons"] = .number(weightToggleFractionAcrossNeurons)
    }
    if !cannaHitRate.isEmpty {
      object["canna_hit_rate"] = .array(cannaHitRate.map { ["tuning_bits": .number($0.setting), "value": .number($0.value)] })
    }
    if !drumMeanRelativeError.isEmpty {
      object["drum_mean_relative_error"] = .array(
        drumMeanRelativeError.map { ["k": .number($0.setting), "value": .number($0.value)] })
    }
    if let sampledProducts { object["sampled_products"] = .number(sampledProducts) }
    return .object(object)
  }
}
