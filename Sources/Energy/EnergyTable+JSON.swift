import AxJSON

extension EnergyTable {
  /// Reads a table from a parsed JSON document and checks its invariants.
  /// - Throws: `JSONDecodeError` naming the file, the key and what was expected; an invariant
  ///   violation names the entries involved.
  public init(json node: JSONNode) throws(JSONDecodeError) {
    var root = try node.object()
    let formatNode = try root.required("format")
    let format = try formatNode.string()
    guard format == EnergyTable.formatName else {
      throw formatNode.error(expected: "\"\(EnergyTable.formatName)\"")
    }
    let versionNode = try root.required("version")
    let version = try versionNode.int(in: 1...Int.max)
    guard version <= EnergyTable.currentVersion else {
      throw versionNode.error("energy-table version \(version) is newer than this axsim reads (\(EnergyTable.currentVersion))")
    }
    name = try root.required("name").string()
    _ = root.optional("description").map { _ in () }
    technology = try Technology(json: try root.required("technology"))
    var gating = try root.required("clock_gating").object()
    ungatedFraction = try gating.required("ungated_fraction").double(in: 0...1)
    ungatedFractionSource = try gating.required("source").string()
    try gating.rejectUnknownKeys()
    calibrationNote = try root.optional("calibration")?.string()
    derivedFrom = try root.optional("derived_from")?.string()
    var parameters: [FreeParameter] = []
    for parameterNode in try root.optional("free_parameters")?.array() ?? [] {
      var parameter = try parameterNode.object()
      parameters.append(
        FreeParameter(
          name: try parameter.required("name").string(), value: try parameter.required("value").double(in: -1e12...1e12),
          source: try parameter.required("source").string()))
      try parameter.rejectUnknownKeys()
    }
    freeParameters = parameters
    var entries: [EnergyEntry] = []
    for entryNode in try root.required("entries").nonEmptyArray() {
      entries.append(try EnergyEntry(json: entryNode))
    }
    self.entries = entries
    var leakage: [LeakageEntry] = []
    for leakageNode in try root.optional("leakage")?.array() ?? [] {
      leakage.append(try LeakageEntry(json: leakageNode))
    }
    self.leakage = leakage
    try root.rejectUnknownKeys()
    do {
      try checkInvariants()
    } catch {
      throw JSONDecodeError(file: node.file, path: "entries", message: error.description)
    }
  }
}

extension Technology {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    nodeNM = try object.required("node_nm").int(in: 1...1000)
    supplyVolts = try object.required("vdd_v").double(in: 0.1...5)
    clockMHz = try object.required("clock_mhz").double(in: 1...100_000)
    try object.rejectUnknownKeys()
  }
}

extension EnergyEntry {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    component = try object.required("component").string()
    action = try object.required("action").string()
    guard !component.isEmpty, !action.isEmpty else {
      throw node.error("component and action must be non-empty")
    }
    energyPJ = try object.required("energy_pj").double(in: 0...1e12)
    let lawNode = try object.required("law")
    let kind = try lawNode.string(oneOf: ["constant", "multiplier", "adder", "register", "lsb_gated", "clock_gated", "memory"])
    func referenceBits(_ object: inout JSONObjectReader) throws(JSONDecodeError) -> [Int] {
      let node = try object.required("reference_bits")
      if case .array = node.value {
        var values: [Int] = []
        for element in try node.nonEmptyArray() { values.append(try element.int(in: 1...64)) }
        return values
      }
      return [try node.int(in: 1...64)]
    }
    switch kind {
    case "multiplier":
      let bits = try referenceBits(&object)
      guard bits.count <= 2 else { throw node.error("key reference_bits: expected [bits_a, bits_b]") }
      let fixed = try object.optional("fixed_fraction")?.double(in: 0...1) ?? 0
      law =
        fixed > 0
        ? .multiplierWithFixedPart(
          referenceBitsA: bits[0], referenceBitsB: bits.count == 2 ? bits[1] : bits[0], fixedFraction: fixed)
        : .multiplier(referenceBitsA: bits[0], referenceBitsB: bits.count == 2 ? bits[1] : bits[0])
    case "adder": law = .adder(referenceBits: try referenceBits(&object)[0])
    case "register": law = .register(referenceBits: try referenceBits(&object)[0])
    case "lsb_gated": law = .lsbGated(referenceBits: try referenceBits(&object)[0])
    case "clock_gated": law = .clockGated
    case "memory":
      law = .memory(
        referenceBits: try referenceBits(&object)[0],
        referenceDepth: try object.required("reference_depth").int(in: 1...(1 << 40)),
        depthExponent: try object.optional("depth_exponent")?.double(in: 0...2) ?? 0.78)
    default: law = .constant
    }
    if let validNode = object.optional("valid_bits") {
      let bounds = try validNode.array()
      guard bounds.count == 2 else { throw validNode.error(expected: "[lowest, highest]") }
      let low = try bounds[0].int(in: 0...64)
      let high = try bounds[1].int(in: 0...64)
      guard low <= high else { throw validNode.error(expected: "[lowest, highest] with lowest ≤ highest") }
      validBits = low...high
    } else {
      validBits = 0...64
    }
    voltageExponent = try object.optional("voltage_exponent")?.double(in: 0...8) ?? 2
    source = try object.required("source").string()
    guard !source.isEmpty else { throw node.error("key source: every number needs a source") }
    derivation = try object.optional("derivation")?.string()
    scalesWithTechnology = try object.optional("scales_with_technology")?.bool() ?? true
    referenceActivity = try object.optional("reference_activity")?.double(in: 0.001...1)
    try object.rejectUnknownKeys()
  }
}

extension LeakageEntry {
  init(json node: JSONNode) throws(JSONDecodeError) {
    var object = try node.object()
    component = try object.required("component").string()
    powerMW = try object.required("power_mw").double(in: 0...1e9)
    voltageExponent = try object.optional("voltage_exponent")?.double(in: 0...8) ?? 5
    source = try object.required("source").string()
    guard !source.isEmpty else { throw node.error("key source: every number needs a source") }
    derivation = try object.optional("derivation")?.string()
    scalesWithTechnology = try object.optional("scales_with_technology")?.bool() ?? true
    try object.rejectUnknownKeys()
  }
}
