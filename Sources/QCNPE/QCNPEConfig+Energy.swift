import Energy

extension QCNPEConfig {
  /// The conditions and leakage instances the energy stage needs: FIFO arrays at the
  /// configured depth, and one leakage instance per NCU, per FIFO and per AFU.
  public var energyBinding: EnergyBinding {
    var conditions = [
      "fifo.left": ComponentConditions(depth: fifoDepth),
      "fifo.top": ComponentConditions(depth: fifoDepth),
    ]
    if let memory = memoryHierarchy {
      // Each SRAM of the hierarchy is priced at its own size.
      conditions["sram.ifmap"] = ComponentConditions(depth: memory.ifmapSRAMWords)
      conditions["sram.filter"] = ComponentConditions(depth: memory.filterSRAMWords)
      conditions["sram.ofmap"] = ComponentConditions(depth: memory.ofmapSRAMWords)
    }
    return EnergyBinding(
      conditions: conditions,
      leakageInstances: [
        LeakageInstances("ncu", ncuCount), LeakageInstances("fifo", rows + cols), LeakageInstances("afu", rows),
      ],
      // Without SRAM sizes nothing reaches these, so a table written before the memory
      // hierarchy existed still prices every other run.
      unusedComponents: memoryHierarchy == nil
        ? ["sram.ifmap", "sram.filter", "sram.ofmap", "dram.ifmap", "dram.filter", "dram.ofmap"] : [])
  }
}
