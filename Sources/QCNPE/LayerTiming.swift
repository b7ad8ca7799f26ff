import SimKernel

/// Where the cycles of one layer went.
public struct LayerTiming: Equatable, Sendable {
  /// Cycles the array advanced (no stall): fold count × (K + R + C − 2) for a GEMM layer,
  /// the AFU pass for a pooling layer.
  public var computeCycles: Int = 0
  /// Cycles the whole array waited for a FIFO that had run dry.
  public var stallCycles: Int = 0
  /// Cycles a fold waited for the previous fold's sums to leave the accumulators (only
  /// without double-buffered accumulators).
  public var drainWaitCycles: Int = 0
  /// Cycles after the last fold until the AFUs wrote the last output.
  public var tailCycles: Int = 0

  /// All cycles of the layer.
  public var totalCycles: Int { computeCycles + stallCycles + drainWaitCycles + tailCycles }

  /// Cycles the array phase occupies before the AFU tail.
  public var arrayCycles: Int { computeCycles + stallCycles + drainWaitCycles }

  /// The phases in report order.
  public var phases: [CyclePhase] {
    [
      CyclePhase("compute", computeCycles), CyclePhase("stall", stallCycles),
      CyclePhase("drain_wait", drainWaitCycles), CyclePhase("tail", tailCycles),
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
