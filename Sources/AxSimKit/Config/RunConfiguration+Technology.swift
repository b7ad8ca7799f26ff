import Energy

extension RunConfiguration {
  /// The table a run prices with: `table` itself, or moved to the config's `technology`.
  public func pricingTable(_ table: EnergyTable) throws(AxSimError) -> EnergyTable {
    guard let technology else { return table }
    do {
      return try table.scaled(toNodeNM: technology.nodeNM, supplyVolts: technology.vddVolts)
    } catch {
      throw .input(file: source, message: "key technology: \(error.description)")
    }
  }
}
