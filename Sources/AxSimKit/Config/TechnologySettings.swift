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
