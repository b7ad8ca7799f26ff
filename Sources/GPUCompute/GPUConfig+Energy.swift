import Energy

extension GPUConfig {
  /// The conditions and leakage instances the energy stage needs: one leakage instance per
  /// compute unit (its SIMDs, register file, LDS and L1), one L2, and the board's constant
  /// power once.
  public var energyBinding: EnergyBinding {
    EnergyBinding(
      conditions: [:],
      leakageInstances: [
        LeakageInstances("cu", computeUnits), LeakageInstances("l2", 1), LeakageInstances("constant", 1),
      ])
  }
}
