import SimKernel

extension FlexFlowArray {
  /// Runs every layer from cycle zero on up to `jobs` threads and returns the finished model,
  /// byte-identical to `simulate(config:plans:fidelity:)`.
  ///
  /// A layer depends on nothing before it but its start cycle (the previous layer's last output
  /// in Neuron Buffer 2), and nothing in a layer depends on that: each layer runs alone from
  /// cycle zero on some thread, and the layers are then laid end to end in order.
  public static func simulate(
    config: FlexFlowConfig, plans: [FlexFlowLayerPlan], fidelity: Fidelity, jobs: Int, progress: RunProgress? = nil
  ) -> FlexFlowArray {
    guard jobs > 1, plans.count > 1 else { return simulate(config: config, plans: plans, fidelity: fidelity, progress: progress) }
    progress?.expect(plans.count)
    // Largest layers first, so that the last one to start is short.
    let order = plans.indices.sorted {
      plans[$0].macCount != plans[$1].macCount ? plans[$0].macCount > plans[$1].macCount : $0 < $1
    }
    let results = ParallelWork.map(order.count, jobs: jobs) { position in
      var model = FlexFlowArray(config: config, plans: plans, fidelity: fidelity)
      var ledger = FlexFlowCounter.schema.makeLedger()
      let counts = model.runLayer(order[position], ledger: &ledger)
      progress?.advance()
      return (counts: counts, records: ledger.records)
    }
    var model = FlexFlowArray(config: config, plans: plans, fidelity: fidelity)
    var start = 0
    for index in plans.indices {
      guard let position = order.firstIndex(of: index) else { continue }
      let (counts, records) = results[position]
      model.layers.append(
        LayerActivity(
          name: plans[index].name, startCycle: Cycle(UInt64(start)), totalCycles: counts.totalCycles,
          stallCycles: counts.waitCycles, macCount: plans[index].macCount, phases: counts.phases, records: records))
      model.layerCounts.append(counts)
      start += counts.totalCycles
    }
    return model
  }

  /// Runs a mapped network on up to `jobs` threads (see `simulate(config:plans:fidelity:jobs:)`).
  public static func simulate(
    config: FlexFlowConfig, plan: FlexFlowNetworkPlan, fidelity: Fidelity, jobs: Int, progress: RunProgress? = nil
  ) -> FlexFlowArray {
    simulate(config: config, plans: plan.layers, fidelity: fidelity, jobs: jobs, progress: progress)
  }
}
