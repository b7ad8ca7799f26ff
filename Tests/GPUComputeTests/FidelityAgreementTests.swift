import GPUCompute
import SimKernel
import Testing
import Trace

/// `cycle` simulates every compute unit; `fast` simulates one compute unit per group of
/// identical ones (`ComputeUnitSignature`) and counts its activity once per member.
///
/// The fast path claims exactness on every input, so every random case must agree: the same cycles
/// in every phase, the same stall cycles and the same activity ledger.
@Suite struct FidelityAgreementTests {
  @Test(arguments: 0..<48)
  func cycleAndFastAgreeOnRandomNetworksAndDevices(seed: UInt64) throws {
    var random = CaseRandom(seed: seed)
    let config = randomConfig(&random)
    let trace = randomTrace(&random)
    let plans = try GPUMapper.plan(trace, on: config)
    let cycle = try GPUDevice.simulate(config: config, plans: plans, fidelity: .cycle)
    let fast = try GPUDevice.simulate(config: config, plans: plans, fidelity: .fast)
    let label = "seed \(seed): \(config.computeUnits) CUs, training \(config.training), layers \(trace.layers.map(\.operation))"
    #expect(cycle.layers.count == fast.layers.count, "\(label)")
    for (stepped, grouped) in zip(cycle.layers, fast.layers) {
      #expect(stepped.phases == grouped.phases, "\(label) layer \(stepped.name)")
      #expect(stepped.stallCycles == grouped.stallCycles, "\(label) layer \(stepped.name)")
      #expect(stepped.records == grouped.records, "\(label) layer \(stepped.name)")
      #expect(stepped.startCycle == grouped.startCycle, "\(label) layer \(stepped.name)")
    }
    #expect(cycle.wavefrontInstructions == fast.wavefrontInstructions, "\(label)")
  }

  /// Wide layers give many compute units the same work: the fast path must actually group
  /// them (it simulates fewer compute units) and still agree.
  @Test func fastSimulatesFewerComputeUnitsOnRegularLayers() throws {
    let trace = NetworkTrace(
      name: "wide", provenance: Provenance(source: "test"),
      layers: [TraceLayer(name: "fc", operation: .dense(inputs: 256, outputs: 1024), batch: 2, activation: .relu)])
    var config = GPUConfig()
    config.computeUnits = 8
    let plans = try GPUMapper.plan(trace, on: config)
    let fast = try GPUDevice.simulate(config: config, plans: plans, fidelity: .fast)
    let cycle = try GPUDevice.simulate(config: config, plans: plans, fidelity: .cycle)
    let simulatedFast = fast.kernelOutcomes.joined().reduce(0) { $0 + $1.simulatedComputeUnits }
    let simulatedCycle = cycle.kernelOutcomes.joined().reduce(0) { $0 + $1.simulatedComputeUnits }
    #expect(simulatedFast < simulatedCycle)
    #expect(fast.layers == cycle.layers)
  }

  func randomConfig(_ random: inout CaseRandom) -> GPUConfig {
    var config = random.chance(0.5) ? GPUConfig.multi2simHEAD : GPUConfig.multi2sim42
    config.computeUnits = random.int(in: 1...10)
    config.workGroupSize = random.pick([64, 128, 256])
    config.tileK = random.pick([4, 8, 16])
    config.broadcastRowLimit = random.int(in: 0...16)
    config.targetWorkGroupsPerCU = random.int(in: 1...4)
    config.ldsReadBatch = random.int(in: 1...8)
    config.l1Bytes = random.pick([1024, 4096, 16384])
    config.l1MissEntries = random.int(in: 1...16)
    config.l1LookupsPerCycle = random.int(in: 1...4)
    config.dramBytesPerCycle = random.int(in: 16...2048)
    config.dramLatencyCycles = random.int(in: 0...120)
    config.latencyRule = random.pick(FPULatencyRule.allCases)
    config.testedOperand = random.pick(TestedOperand.allCases)
    config.cannaHitTiming = FPUTiming(latencyCycles: random.int(in: 1...8), intervalCycles: random.int(in: 1...4))
    config.training = random.chance(0.4)
    config.seed = UInt64(random.int(in: 0...1000))
    return config
  }

  func randomTrace(_ random: inout CaseRandom) -> NetworkTrace {
    var layers: [TraceLayer] = []
    for index in 0..<random.int(in: 1...2) {
      let operation: LayerOperation
      switch random.int(in: 0...3) {
      case 0: operation = .dense(inputs: random.int(in: 1...70), outputs: random.int(in: 1...90))
      case 1:
        let input = TensorShape(channels: random.int(in: 1...3), height: random.int(in: 3...8), width: random.int(in: 3...8))
        operation = .conv2d(ConvolutionShape(input: input, kernelHeight: 3, kernelWidth: 3, filters: random.int(in: 1...8)))
      case 2:
        let input = TensorShape(channels: random.int(in: 1...4), height: random.int(in: 2...8), width: random.int(in: 2...8))
        operation = .pool(PoolShape(kind: random.chance(0.5) ? .maxpool : .avgpool, input: input, size: 2, stride: 2))
      default:
        operation = .gemm(GEMMShape(m: random.int(in: 1...40), n: random.int(in: 1...70), k: random.int(in: 1...50)))
      }
      let multiplier: ApproximationSettings.Multiplier =
        switch random.int(in: 0...2) {
        case 0: .exact
        case 1: .canna(tuningBits: random.int(in: 0...6))
        default: .mantissa(bits: random.int(in: 4...24))
        }
      var statistics = OperandStatistics.none
      if case .canna(let bits) = multiplier, random.chance(0.7) {
        let rate = random.pick([0.0, 1.0, random.unit()])
        statistics = OperandStatistics(cannaHitRate: [.init(setting: bits, value: rate)])
      }
      let isGEMM = if case .gemm = operation { true } else { false }
      layers.append(
        TraceLayer(
          name: "layer\(index)", operation: operation, batch: isGEMM ? 1 : random.int(in: 1...12),
          activation: random.pick([.relu, .identity, .sigmoid]), approximation: ApproximationSettings(multiplier: multiplier),
          statistics: statistics))
    }
    return NetworkTrace(name: "random", topology: .independent, provenance: Provenance(source: "test"), layers: layers)
  }
}
