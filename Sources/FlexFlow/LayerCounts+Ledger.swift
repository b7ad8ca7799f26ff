import SimKernel

extension LayerCounts {
  /// Records an array layer's activity: the counts, plus the per-MAC events every multiply
  /// implies (an add along the row chain or grid, a product latch, an active PE-cycle, and
  /// with FlexFlow's local stores two local-store reads and a neuron-store write; the
  /// baselines have none, Table 5) and the gated PE-cycles that make up the rest of D² × the
  /// layer's cycles.
  func record(_ plan: ArrayLayerPlan, config: FlexFlowConfig, ledger: inout ActivityLedger) {
    let word = config.wordBits
    let accumulator = config.accumulatorBits
    let bits = plan.multiplyBits
    ledger.add(macs, .multiply, bitsA: bits.a, bitsB: bits.b)
    if case .drum = plan.multiplier { ledger.add(macs, .drumSteering) }
    ledger.add(macs, .peAdd, bitsA: accumulator)
    ledger.add(macs, .peRegisterWrite, bitsA: accumulator)
    if config.dataflow.hasLocalStores {
      ledger.add(macs, .neuronLocalStoreRead, bitsA: word)
      ledger.add(macs, .neuronLocalStoreWrite, bitsA: word)
      ledger.add(macs, .kernelLocalStoreRead, bitsA: word)
      ledger.add(kernelStoreWrites, .kernelLocalStoreWrite, bitsA: word)
    }
    ledger.add(rowAccumulates, .rowAccumulate, bitsA: accumulator)
    ledger.add(macs, .peActiveCycle)
    ledger.add(config.peCount * totalCycles - macs, .peGatedCycle)
    ledger.add(neuronWords, .neuronBufferRead, bitsA: word)
    ledger.add(kernelWords, .kernelBufferRead, bitsA: word)
    ledger.add(outputWrites, .outputBufferWrite, bitsA: word)
    ledger.add(partialReads, .outputBufferRead, bitsA: word)
    ledger.add(activations, .activate)
    ledger.add(1, .decoderConfigure)
  }
}

/// A pooling layer on the pooling ALUs: fused into the previous layer's output path (no
/// cycles of its own) or, alone, D windows' elements per cycle read from Neuron Buffer 1.
enum PoolExecution {
  static func run(_ plan: PoolLayerPlan, config: FlexFlowConfig, ledger: inout ActivityLedger) -> LayerCounts {
    var counts = LayerCounts()
    let elements = plan.windows * plan.windowElements
    switch plan.kind {
    case .maxpool:
      ledger.add(plan.windows * (plan.windowElements - 1), .poolCompare)
    case .avgpool:
      ledger.add(plan.windows * (plan.windowElements - 1), .poolAdd)
      ledger.add(plan.windows, .poolScale)
    }
    ledger.add(1, .decoderConfigure)
    if !plan.fused {
      counts.computeCycles = ceilDiv(elements, config.side)
      counts.tailCycles = config.outputLatencyCycles
      ledger.add(elements, .neuronBufferRead, bitsA: config.wordBits)
      ledger.add(plan.windows, .outputBufferWrite, bitsA: config.wordBits)
    }
    ledger.add(config.peCount * counts.totalCycles, .peGatedCycle)
    return counts
  }
}
