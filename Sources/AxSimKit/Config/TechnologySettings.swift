import AxJSON
import Energy

/// The optional `technology` section of a config: the node and supply the energy table is
/// moved to by the laws of `TechnologyScaling` before pricing (docs/configs.md). Sweeping
/// `technology.nodeNM` or `technology.vddVolts` sweeps the technology.
public struct TechnologySettings: Equatable, Sendable {
  /// The technology node, in nm.
  public var nodeNM: Int
  /// The supply, in volts (default: the node's nominal supply).
  public var vddVolts: Double

  /// The keys of the section, for `axsim help config` and docs/configs.md.
  public static let keys: [(key: String, unit: String, accepted: String, meaning: String)] = [
    ("technology.nodeNM", "nm", "20...180", "technology node the energy table is moved to (Stillmaker & Baas scaling)"),
    (
      "technology.vddVolts", "volts", "0.2...2",
      "supply voltage; dynamic energy scales with V^2, leakage with V^5; default: the node's nominal"
    ),
  ]

  /// A setting.
  public init(nodeNM: Int, vddVolts: Double) {
    self.nodeNM = nodeNM
    self.vddVolts = vddVolts
  }

  init(json node: JSONNode) throws(JSONDecodeError) {
    var reader = try node.object()
    let nodeKey = try reader.required("nodeNM")
    nodeNM = try nodeKey.int(in: 20...180)
    if let volts = reader.optional("vddVolts") {
      vddVolts = try volts.double(in: 0.2...2)
    } else {
      do {
        vddVolts = try TechnologyScaling.nominalVolts(nodeNM: Double(nodeNM))
      } catch {
        throw nodeKey.error(error.description)
      }
    }
    try reader.rejectUnknownKeys()
  }

  /// The point the settings describe.
  public var operatingPoint: OperatingPoint { OperatingPoint(nodeNM: Double(nodeNM), supplyVolts: vddVolts) }
}
