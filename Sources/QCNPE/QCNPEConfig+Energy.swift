import Energy

extension QCNPEConfig {
  /// The conditions and leakage instances the energy stage needs: FIFO arrays at the
  /// configured depth, and one leakage instance per NCU, per FIFO and per AFU.
  public var energyBinding: EnergyBinding {
    EnergyBinding(
      conditions: [
        "fifo.left": ComponentConditions(depth: fifoDepth),
        "fifo.top": ComponentConditions(depth: fifoDepth),
      ],
      leakageInstances: [
        LeakageInstances("ncu", ncuCount), LeakageInstances("fifo", rows + cols), LeakageInstances("afu", rows),
      ])
  }
}
