import SimKernel

/// Pooling on the AFUs (an assumption: AxNN gives QCNPE no pooling unit, and its benchmark
/// CNNs have pooling layers). Each of the R AFUs reduces one window element per cycle, read
/// straight from the on-chip memory; the NCU array is clock-gated meanwhile.
enum PoolExecution {
  static func run(_ plan: PoolPlan, config: QCNPEConfig, ledger: inout ActivityLedger) -> LayerTiming {
    let elements = plan.outputs * plan.windowElements
    let perCycle = min(config.rows, config.memoryWordsPerCycle ?? config.rows)
    let timing = LayerTiming(
      computeCycles: (elements + perCycle - 1) / perCycle, tailCycles: config.afuLatencyCycles)
    ledger.add(elements, .memoryRead, bitsA: config.wordBits)
    let reductions = plan.outputs * (plan.windowElements - 1)
    switch plan.kind {
    case .maxpool:
      ledger.add(reductions, .afuCompare)
    case .avgpool:
      ledger.add(reductions, .afuAdd)
      ledger.add(plan.outputs, .afuScale)
    }
    ledger.add(plan.outputs, .memoryWrite, bitsA: config.wordBits)
    ledger.add(timing.totalCycles * config.ncuCount, .ncuGatedCycle)
    return timing
  }
}
