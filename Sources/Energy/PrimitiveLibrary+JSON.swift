import AxJSON
import Foundation

extension PrimitiveLibrary {
  /// The value of a primitive file's `format` key.
  public static let formatName = "axsim-energy-primitives"
  /// The primitive-file version this build reads.
  public static let currentVersion = 1

  /// Reads the primitives of one parsed file (`axsim-energy-primitives`, docs/energy-tables.md).
  /// - Returns: the file's `name` and its primitives.
  public static func primitives(json node: JSONNode) throws(JSONDecodeError) -> (name: String, primitives: [Primitive]) {
    var root = try node.object()
    let formatNode = try root.required("format")
    guard try formatNode.string() == formatName else { throw formatNode.error(expected: "\"\(formatName)\"") }
    let versionNode = try root.required("version")
    guard try versionNode.int(in: 1...Int.max) <= currentVersion else {
      throw versionNode.error("primitive-file version is newer than this axsim reads (\(currentVersion))")
    }
    let name = try root.required("name").string()
    _ = root.optional("description")
    var technology = try root.required("technology").object()
    let nodeNM = try technology.required("node_nm").double(in: 1...1000)
    let volts = try technology.required("vdd_v").double(in: 0.1...5)
    _ = technology.optional("note")
    try technology.rejectUnknownKeys()
    var primitives: [Primitive] = []
    for entry in try root.required("primitives").nonEmptyArray() {
      primitives.append(try Primitive(json: entry, nodeNM: nodeNM, supplyVolts: volts))
    }
    try root.rejectUnknownKeys()
    return (name, primitives)
  }
}

extension Primitive {
  init(json node: JSONNode, nodeNM: Double, supplyVolts: Double) throws(JSONDecodeError) {
    var object = try node.object()
    name = try object.required("name").string()
    guard !name.isEmpty else { throw node.error("key name: must be non-empty") }
    circuitClass = try object.required("class").string()
    let quantityNode = object.optional("quantity")
    quantity =
      Quantity(rawValue: try quantityNode?.string(oneOf: Quantity.allCases.map(\.rawValue)) ?? Quantity.energy.rawValue)
      ?? .energy
    variable = try object.optional("x")?.string() ?? "none"
    anchors = try Self.points(try object.required("anchors"))
    guard let first = anchors.first else { throw node.error("key anchors: expected at least one [x, value] pair") }
    let lawNode = try object.required("law")
    switch try lawNode.string(oneOf: ["constant", "linear", "power", "offset_square", "interpolated"]) {
    case "linear":
      law = .linear
    case "power":
      if let exponentNode = object.optional("exponent") {
        law = .power(exponent: try exponentNode.double(in: 0...8))
      } else {
        guard anchors.count == 2 else { throw lawNode.error("a power law needs two anchors or an \"exponent\"") }
        law = .power(exponent: log(anchors[1].y / anchors[0].y) / log(anchors[1].x / anchors[0].x))
      }
    case "offset_square":
      guard anchors.count == 2 else { throw lawNode.error("an offset_square law needs exactly two anchors") }
      let coefficient = (anchors[1].y - anchors[0].y) / (anchors[1].x * anchors[1].x - anchors[0].x * anchors[0].x)
      law = .offsetSquare(offset: anchors[0].y - coefficient * anchors[0].x * anchors[0].x, coefficient: coefficient)
    case "interpolated":
      law = .interpolated(belowExponent: try object.optional("below_exponent")?.double(in: 0...4) ?? 1)
    default:
      law = .constant
    }
    referenceWidthBits = try object.optional("reference_width_bits")?.double(in: 1...4096)
    widthAnchors = try object.optional("width_anchors").map { node throws(JSONDecodeError) in try Self.points(node) } ?? []
    if let validNode = object.optional("valid") {
      let bounds = try validNode.array()
      guard bounds.count == 2 else { throw validNode.error(expected: "[lowest, highest]") }
      let low = try bounds[0].double(in: 0...1e9)
      let high = try bounds[1].double(in: low...1e9)
      valid = low...high
    } else {
      valid = first.x...first.x
      if case .constant = law { valid = 0...1e9 }
      if quantity == .value { valid = 0...1e9 }
    }
    self.nodeNM = nodeNM
    self.supplyVolts = supplyVolts
    let scalingNode = object.optional("scales_with")
    scaling =
      Scaling(rawValue: try scalingNode?.string(oneOf: Scaling.allCases.map(\.rawValue)) ?? "")
      ?? (quantity == .value ? .none : .technology)
    source = try object.required("source").string()
    guard !source.isEmpty else { throw node.error("key source: every primitive needs a source") }
    try object.rejectUnknownKeys()
  }

  private static func points(_ node: JSONNode) throws(JSONDecodeError) -> [(x: Double, y: Double)] {
    var points: [(x: Double, y: Double)] = []
    for pair in try node.nonEmptyArray() {
      let values = try pair.array()
      guard values.count == 2 else { throw pair.error(expected: "[x, value]") }
      let x = try values[0].double(in: 1e-9...1e12)
      let y = try values[1].double(in: 0...1e12)
      if let previous = points.last, x <= previous.x { throw pair.error("anchors must be sorted by x, without repeats") }
      points.append((x, y))
    }
    return points
  }
}
