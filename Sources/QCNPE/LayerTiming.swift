import SimKernel

/// Where the cycles of one layer went.
public struct LayerTiming: Equatable, Sendable {
  /// Cycles the array advanced (no stall): fold count × fold steps for a GEMM layer, the AFU
  /// pass for a pooling layer.
  public var computeCycles: Int = 0
  /// Cycles the whole array waited for a FIFO that had run dry.
  public var stallCycles: Int = 0
  /// Cycles the array held for the DRAM: an operand not yet in its SRAM, or a full ofmap SRAM
  /// (only with a memory hierarchy).
  public var dramStallCycles: Int = 0
  /// Cycles a fold waited for the previous fold's sums to leave the accumulators (only
  /// without double-buffered accumulators).
  public var drainWaitCycles: Int = 0
  /// Cycles after the last fold until the AFUs wrote the last output.
  public var tailCycles: Int = 0
  /// Cycles the DRAM filled the SRAMs before a group's first step (memory hierarchy only).
  public var prefetchCycles: Int = 0
  /// Cycles the ofmap SRAM wrote back to DRAM after a group's last step (memory hierarchy only).
  public var writebackCycles: Int = 0
  /// Whether the layer ran behind a memory hierarchy (its phases then include the DRAM's).
  public var hasMemoryHierarchy = false
  /// What the memory hierarchy moved for each group of the layer (empty without one).
  public var memoryTraffic: [MemoryTraffic] = []

  /// All cycles of the layer.
  public var totalCycles: Int { arrayCycles + tailCycles }

  /// Cycles the array phase occupies before the AFU tail.
  public var arrayCycles: Int {
    prefetchCycles + computeCycles + stallCycles + dramStallCycles + drainWaitCycles + writebackCycles
  }

  /// Cycles every NCU is clock-gated: stalls, drain waits, the tail and the DRAM's phases.
  public var idleCycles: Int { totalCycles - computeCycles }

  /// The phases in report order.
  public var phases: [CyclePhase] {
    guard hasMemoryHierarchy else {
      return [
        CyclePhase("compute", computeCycles), CyclePhase("stall", stallCycles),
        CyclePhase("drain_wait", drainWaitCycles), CyclePhase("tail", tailCycles),
      ]
    }
    return [
      CyclePhase("prefetch", prefetchCycles), CyclePhase("compute", computeCycles), CyclePhase("stall", stallCycles),
      CyclePhase("dram_stall", dramStallCycles), CyclePhase("drain_wait", drainWaitCycles), CyclePhase("tail", tailCycles),
      CyclePhase("writeback", writebackCycles),
    ]
  }

  /// A timing.
  public init(computeCycles: Int = 0, stallCycles: Int = 0, drainWaitCycles: Int = 0, tailCycles: Int = 0) {
    self.computeCycles = computeCycles
    self.stallCycles = stallCycles
    self.drainWaitCycles = drainWaitCycles
    self.tailCycles = tailCycles
  }
}
