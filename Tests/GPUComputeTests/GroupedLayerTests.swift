import GPUCompute
import SimKernel
import Testing
import Trace

/// Grouped and depthwise convolutions and batched GEMMs on the GPU: one launch per GEMM whose
/// grid covers every group, each group's tiles on matrices of their own (Kernel+Groups).
/// Both fidelities agree, and the grid is exactly the groups times one group's grid.
@Suite struct GroupedLayerTests {
  func randomGroupedTrace(_ random: inout CaseRandom) -> NetworkTrace {
    let groups = random.int(in: 2...4)
    let operation: LayerOperation
    if random.chance(0.6) {
      let depthwise = random.chance(0.5)
      let input = TensorShape(
        channels: groups * (depthwise ? 1 : random.int(in: 1...3)), height: random.int(in: 3...6), width: random.int(in: 3...6))
      operation = .conv2d(
        ConvolutionShape(
          input: input, kernelHeight: 3, kernelWidth: 3, filters: groups * (depthwise ? 1 : random.int(in: 1...4)), paddingY: 1,
          paddingX: 1, groups: groups))
    } else {
      operation = .gemm(
        GEMMShape(m: random.int(in: 1...20), n: random.int(in: 1...24), k: random.int(in: 1...24)), groups: groups)
    }
    let multiplier: ApproximationSettings.Multiplier = random.chance(0.5) ? .exact : .canna(tuningBits: random.int(in: 0...4))
    let isGEMM = if case .gemm = operation { true } else { false }
    let layer = TraceLayer(
      name: "grouped", operation: operation, batch: isGEMM ? 1 : random.int(in: 1...3), activation: .relu,
      approximation: ApproximationSettings(multiplier: multiplier))
    return NetworkTrace(name: "g", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
  }

  @Test(arguments: 0..<20)
  func cycleAndFastAgreeOnGroupedLayers(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 7000)
    let config = FidelityAgreementTests().randomConfig(&random)
    let trace = randomGroupedTrace(&random)
    let plans = try GPUMapper.plan(trace, on: config)
    let cycle = try GPUDevice.simulate(config: config, plans: plans, fidelity: .cycle)
    let fast = try GPUDevice.simulate(config: config, plans: plans, fidelity: .fast)
    let label = "seed \(seed): \(config.computeUnits) CUs, training \(config.training), \(trace.layers[0].operation)"
    #expect(cycle.layers[0].phases == fast.layers[0].phases, "\(label)")
    #expect(cycle.layers[0].stallCycles == fast.layers[0].stallCycles, "\(label)")
    #expect(cycle.layers[0].records == fast.layers[0].records, "\(label)")
    let passes = config.training ? 2 : 1
    #expect(plans[0].macCount == passes * trace.layers[0].macCount, "\(label)")
  }

  @Test func oneLaunchWhoseGridCoversEveryGroup() throws {
    let single = GEMMShape(m: 300, n: 40, k: 24)
    let config = GPUConfig()
    func plan(groups: Int) throws -> GPULayerPlan {
      let layer = TraceLayer(name: "b", operation: .gemm(single, groups: groups))
      let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
      return try GPUMapper.plan(trace, on: config)[0]
    }
    let one = try plan(groups: 1)
    let twelve = try plan(groups: 12)
    #expect(twelve.kernels.count == one.kernels.count)
    for (grouped, ungrouped) in zip(twelve.kernels, one.kernels) {
      #expect(grouped.groups == 12)
      #expect(grouped.workGroupCount == 12 * ungrouped.workGroupCount)
      #expect(grouped.usefulMACs == 12 * ungrouped.usefulMACs)
      #expect(grouped.program == ungrouped.program)
      // The last work-group belongs to the last group, in the same tile as one group's last.
      let last = grouped.coordinates(ofWorkGroup: grouped.workGroupCount - 1)
      let ungroupedLast = ungrouped.coordinates(ofWorkGroup: ungrouped.workGroupCount - 1)
      #expect(last.group == 11)
      #expect(
        last.rowTile == ungroupedLast.rowTile && last.columnTile == ungroupedLast.columnTile && last.slice == ungroupedLast.slice)
    }
    #expect(twelve.macCount == 12 * single.macCount)
  }

  @Test func groupsSpreadOverTheComputeUnits() throws {
    // One 64×64×64 product is one work-group. Twelve of them occupy twelve of the 32 compute
    // units side by side (each owns its L1 and its share of DRAM bandwidth), so they take the
    // time of one; 96 queue three deep and take longer, yet less than 96 one after another.
    let config = GPUConfig()
    func cycles(groups: Int) throws -> Int {
      let layer = TraceLayer(name: "b", operation: .gemm(GEMMShape(m: 64, n: 64, k: 64), groups: groups))
      let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
      return try GPUDevice.simulate(config: config, plans: GPUMapper.plan(trace, on: config), fidelity: .fast).layers[0]
        .totalCycles
    }
    let one = try cycles(groups: 1)
    #expect(try cycles(groups: 12) == one)
    let many = try cycles(groups: 96)
    #expect(many > one)
    #expect(many < 96 * one)
  }

  @Test func tooManyGroupsForOneKernelAreRefused() {
    let layer = TraceLayer(name: "b", operation: .gemm(GEMMShape(m: 1, n: 1, k: 1), groups: Kernel.maximumGroups + 1))
    let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
    #expect(throws: GPUMappingError.self) { _ = try GPUMapper.plan(trace, on: GPUConfig()) }
  }
}
