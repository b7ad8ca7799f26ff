import Foundation

/// The one place AxSim moves an energy or a leakage power from one technology node and supply
/// voltage to another. Every primitive, every derived table and every `technology` override of a
/// config goes through these laws (docs/energy-tables.md, "Node and voltage scaling").
///
/// - Node: Stillmaker & Baas (Integration 58, 2017), Table 5: energy per operation of a node
///   as a quadratic a·V² + b·V + c of its supply, fitted to HSPICE runs of PTM (180–32 nm,
///   high-performance devices) and ITRS (20 nm) models. The node factor from n₁ to n₂ is the
///   ratio of the two polynomials, each at its node's nominal supply; nodes between table
///   rows interpolate linearly in the node.
/// - Dynamic energy at another supply: E ∝ V² (C·V²) relative to the node's nominal supply, at
///   any voltage, near threshold included (switching energy does not depend on speed).
/// - Leakage power: the same node factor (the convention of Accelergy's hwcomponents), and
///   P ∝ V⁵ relative to nominal: CACTI-P's I_off ∝ V⁴ for high-performance and low-standby
///   devices, times V. CACTI-P accepts supplies down to 0.75·V_nominal; below that (the
///   near-threshold settings AxTrain uses) the law is an extrapolation, which the docs say.
public enum TechnologyScaling {
  /// One row of Stillmaker & Baas's Table 5: the node, its nominal supply, and the energy
  /// polynomial's coefficients.
  public struct NodeRow: Sendable, Equatable {
    /// Feature size in nm.
    public var nodeNM: Double
    /// Nominal supply in volts.
    public var nominalVolts: Double
    /// a, b, c of E(V) = a·V² + b·V + c (arbitrary units; only ratios are used).
    public var coefficients: (a: Double, b: Double, c: Double)

    /// The polynomial at `volts`.
    public func energyFactor(atVolts volts: Double) -> Double {
      coefficients.a * volts * volts + coefficients.b * volts + coefficients.c
    }

    public static func == (lhs: NodeRow, rhs: NodeRow) -> Bool {
      lhs.nodeNM == rhs.nodeNM && lhs.nominalVolts == rhs.nominalVolts && lhs.coefficients == rhs.coefficients
    }
  }

  /// The rows AxSim uses, largest node first. Nominal supplies are PTM's model-card values
  /// (180 nm 1.8 V … 32 nm 0.9 V); the 20 nm ITRS row is taken at 0.9 V, an assumption
  /// (docs/energy-tables.md). Coefficients: Stillmaker & Baas Table 5 (HP rows below 65 nm).
  public static let rows: [NodeRow] = [
    NodeRow(nodeNM: 180, nominalVolts: 1.8, coefficients: (0, 24.64, -17.98)),
    NodeRow(nodeNM: 130, nominalVolts: 1.3, coefficients: (7.171, -6.709, 2.904)),
    NodeRow(nodeNM: 90, nominalVolts: 1.2, coefficients: (4.762, -4.781, 2.092)),
    NodeRow(nodeNM: 65, nominalVolts: 1.1, coefficients: (3.755, -4.398, 1.975)),
    NodeRow(nodeNM: 45, nominalVolts: 1.0, coefficients: (1.018, -0.3107, 0.1539)),
    NodeRow(nodeNM: 32, nominalVolts: 0.9, coefficients: (0.8367, -0.4341, 0.1701)),
    NodeRow(nodeNM: 20, nominalVolts: 0.9, coefficients: (0.373, -0.1582, 0.04104)),
  ]

  /// The nodes the laws cover, in nm.
  public static let nodeRange: ClosedRange<Double> = 20...180

  /// The exponent of the supply in dynamic energy (C·V²).
  public static let dynamicVoltageExponent = 2.0
  /// The exponent of the supply in leakage power (CACTI-P: V · I_off, I_off ∝ V⁴).
  public static let leakageVoltageExponent = 5.0
  /// The lowest supply, as a fraction of nominal, CACTI-P validates its leakage law for.
  public static let validatedLowestVoltageFraction = 0.75

  /// The energy per operation of `nodeNM` at its nominal supply, in the units of Table 5
  /// (interpolated linearly in the node between rows).
  public static func nominalEnergyFactor(nodeNM: Double) throws(TechnologyScalingError) -> Double {
    let (low, high, weight) = try bracket(nodeNM)
    return low.energyFactor(atVolts: low.nominalVolts) * (1 - weight) + high.energyFactor(atVolts: high.nominalVolts) * weight
  }

  /// The nominal supply of `nodeNM` (interpolated linearly in the node between rows), in volts.
  public static func nominalVolts(nodeNM: Double) throws(TechnologyScalingError) -> Double {
    let (low, high, weight) = try bracket(nodeNM)
    return low.nominalVolts * (1 - weight) + high.nominalVolts * weight
  }

  /// The factor that moves a dynamic energy from (`fromNode`, `fromVolts`) to (`toNode`, `toVolts`).
  public static func dynamicFactor(fromNode: Double, fromVolts: Double, toNode: Double, toVolts: Double)
    throws(TechnologyScalingError) -> Double
  {
    try nodeFactor(fromNode: fromNode, toNode: toNode)
      * voltageFactor(volts: toVolts, nominal: try nominalVolts(nodeNM: toNode), exponent: dynamicVoltageExponent)
      / voltageFactor(volts: fromVolts, nominal: try nominalVolts(nodeNM: fromNode), exponent: dynamicVoltageExponent)
  }

  /// The factor that moves a leakage power from (`fromNode`, `fromVolts`) to (`toNode`, `toVolts`).
  public static func leakageFactor(fromNode: Double, fromVolts: Double, toNode: Double, toVolts: Double)
    throws(TechnologyScalingError) -> Double
  {
    try nodeFactor(fromNode: fromNode, toNode: toNode)
      * voltageFactor(volts: toVolts, nominal: try nominalVolts(nodeNM: toNode), exponent: leakageVoltageExponent)
      / voltageFactor(volts: fromVolts, nominal: try nominalVolts(nodeNM: fromNode), exponent: leakageVoltageExponent)
  }

  /// The node factor alone: energy at `toNode`'s nominal supply over energy at `fromNode`'s.
  public static func nodeFactor(fromNode: Double, toNode: Double) throws(TechnologyScalingError) -> Double {
    try nominalEnergyFactor(nodeNM: toNode) / nominalEnergyFactor(nodeNM: fromNode)
  }

  /// (V / V_nominal)^exponent.
  public static func voltageFactor(volts: Double, nominal: Double, exponent: Double) -> Double {
    pow(volts / nominal, exponent)
  }

  private static func bracket(_ nodeNM: Double) throws(TechnologyScalingError) -> (NodeRow, NodeRow, Double) {
    guard nodeNM.isFinite, nodeRange.contains(nodeNM) else { throw .nodeOutOfRange(nodeNM) }
    for index in 0..<(rows.count - 1) where nodeNM <= rows[index].nodeNM && nodeNM >= rows[index + 1].nodeNM {
      let upper = rows[index]
      let lower = rows[index + 1]
      let weight = (upper.nodeNM - nodeNM) / (upper.nodeNM - lower.nodeNM)
      return (upper, lower, weight)
    }
    throw .nodeOutOfRange(nodeNM)
  }
}

/// A node or voltage the scaling laws do not cover.
public enum TechnologyScalingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The node lies outside the table (20–180 nm).
  case nodeOutOfRange(Double)

  public var description: String {
    switch self {
    case .nodeOutOfRange(let node):
      return "technology node \(node) nm lies outside the scaling table (20...180 nm, Stillmaker & Baas 2017)"
    }
  }
}
