extension EnergyTable {
  /// The table moved to another node and supply by the laws of `TechnologyScaling`: every
  /// dynamic entry by the dynamic factor, every leakage entry by the leakage factor, except
  /// entries marked `scales_with_technology: false` (off-chip DRAM, a board's constant power).
  /// The clock and everything else stay as they are.
  public func scaled(toNodeNM node: Int, supplyVolts volts: Double) throws(TechnologyScalingError) -> EnergyTable {
    let fromNode = Double(technology.nodeNM)
    let dynamic = try TechnologyScaling.dynamicFactor(
      fromNode: fromNode, fromVolts: technology.supplyVolts, toNode: Double(node), toVolts: volts)
    let leakageFactor = try TechnologyScaling.leakageFactor(
      fromNode: fromNode, fromVolts: technology.supplyVolts, toNode: Double(node), toVolts: volts)
    var table = self
    table.technology = Technology(nodeNM: node, supplyVolts: volts, clockMHz: technology.clockMHz)
    for index in table.entries.indices where table.entries[index].scalesWithTechnology {
      table.entries[index].energyPJ *= dynamic
    }
    for index in table.leakage.indices where table.leakage[index].scalesWithTechnology {
      table.leakage[index].powerMW *= leakageFactor
    }
    table.name =
      "\(name)@\(node)nm-\(Primitive.format(volts))V"
    return table
  }
}
