import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// `cycle` steps every NCU every cycle and simulates the FIFOs word by word; `fast` accounts
/// in closed form and simulates only what memory makes irregular. They must agree exactly:
/// the same cycles in every phase and the same activity ledger, in every dataflow and behind
/// a memory hierarchy.
@Suite struct FidelityAgreementTests {
  @Test(arguments: 0..<240)
  func cycleAndFastAgreeOnRandomLayersAndArrays(seed: UInt64) throws {
    var random = CaseRandom(seed: seed)
    let rows = random.int(in: 1...20)
    let cols = random.int(in: 1...20)
    let bandwidth: Int? = random.chance(0.25) ? nil : random.int(in: 1...(rows + cols + 4))
    var config = QCNPEConfig(
      rows: rows, cols: cols, fifoDepth: random.int(in: 1...40), memoryWordsPerCycle: bandwidth,
      accumulatorBits: random.pick([32, 40, 48]), afuDrainOverlap: random.chance(0.7),
      afuLatencyCycles: random.int(in: 0...3), operandSeed: UInt64(seed))
    config.dataflow = random.pick(SystolicDataflow.allCases)
    if random.chance(0.3) {
      config.ifmapSRAMWords = random.int(in: 100...2000)
      config.filterSRAMWords = random.int(in: 100...2000)
      config.ofmapSRAMWords = random.int(in: 100...2000)
      config.ifmapDRAMWordsPerCycle = random.chance(0.5) ? nil : random.int(in: 1...12)
      config.filterDRAMWordsPerCycle = random.chance(0.5) ? nil : random.int(in: 1...12)
      config.ofmapDRAMWordsPerCycle = random.chance(0.5) ? nil : random.int(in: 1...12)
      config.dramLatencyCycles = random.int(in: 0...4)
    }
    var layers: [TraceLayer] = []
    let activations: [Activation] = [.sigmoid, .relu, .identity, .tanh]
    for index in 0..<random.int(in: 1...3) {
      let operation: LayerOperation
      let neurons: Int
      switch random.int(in: 0...3) {
      case 0:
        neurons = random.int(in: 1...45)
        operation = .dense(inputs: random.int(in: 1...60), outputs: neurons)
      case 1:
        neurons = random.int(in: 1...12)
        let input = TensorShape(channels: random.int(in: 1...4), height: random.int(in: 3...9), width: random.int(in: 3...9))
        let kernel = random.int(in: 1...3)
        operation = .conv2d(
          ConvolutionShape(
            input: input, kernelHeight: kernel, kernelWidth: kernel, filters: neurons, strideY: random.int(in: 1...2),
            strideX: random.int(in: 1...2), paddingY: random.int(in: 0...1), paddingX: random.int(in: 0...1)))
      case 2:
        neurons = random.int(in: 1...3)
        let input = TensorShape(channels: neurons, height: random.int(in: 2...8), width: random.int(in: 2...8))
        operation = .pool(PoolShape(kind: random.chance(0.5) ? .maxpool : .avgpool, input: input, size: 2, stride: 2))
      default:
        neurons = random.int(in: 1...50)
        operation = .gemm(GEMMShape(m: random.int(in: 1...60), n: neurons, k: random.int(in: 1...50)))
      }
      let perNeuron = random.chance(0.5)
      let inputBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 1...16) } : [random.int(in: 1...16)]
      let weightBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 1...16) } : [random.int(in: 1...16)]
      let isGEMM = if case .gemm = operation { true } else { false }
      layers.append(
        TraceLayer(
          name: "layer\(index)", operation: operation, batch: isGEMM ? 1 : random.int(in: 1...3),
          activation: random.pick(activations), precision: LayerPrecision(inputBits: inputBits, weightBits: weightBits)))
    }
    let trace = NetworkTrace(name: "random", topology: .independent, provenance: Provenance(source: "test"), layers: layers)
    let plans = try QCNPEMapper.plan(trace, on: config)
    let cycle = QCNPEArray.simulate(config: config, plans: plans, fidelity: .cycle)
    let fast = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast)
    let label =
      "seed \(seed): \(rows)x\(cols) \(config.dataflow.rawValue) depth \(config.fifoDepth) bandwidth \(bandwidth.map(String.init) ?? "ideal") overlap \(config.afuDrainOverlap) memory \(config.memoryHierarchy.map { "\($0)" } ?? "none") layers \(layers.map(\.operation))"
    #expect(cycle.layers.count == fast.layers.count, "\(label)")
    for (stepped, closed) in zip(cycle.layers, fast.layers) {
      #expect(stepped.phases == closed.phases, "\(label) layer \(stepped.name)")
      #expect(stepped.records == closed.records, "\(label) layer \(stepped.name)")
      #expect(stepped.startCycle == closed.startCycle, "\(label) layer \(stepped.name)")
    }
    #expect(cycle.memoryTraffic == fast.memoryTraffic, "\(label)")
  }
}

/// The fast fidelity skips runs of identical folds once the FIFOs reach a steady state; the
/// cycle fidelity steps every one. Long, memory-bound layers exercise the skipping.
@Suite struct SteadyStateSkippingTests {
  @Test(arguments: 0..<40)
  func memoryBoundLayersWithManyFoldsAgree(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 1000)
    let rows = random.int(in: 2...10)
    let cols = random.int(in: 2...10)
    let dataflow = random.pick(SystolicDataflow.allCases)
    // ws and is pop at most max(R, C) FIFOs a step (os: R + C); a third of that starves them.
    let peak = dataflow == .outputStationary ? rows + cols : min(rows, cols)
    var config = QCNPEConfig(
      rows: rows, cols: cols, fifoDepth: random.int(in: 1...24), memoryWordsPerCycle: random.int(in: 1...max(1, peak / 3)),
      afuDrainOverlap: random.chance(0.7), afuLatencyCycles: random.int(in: 0...2))
    config.dataflow = dataflow
    let plan = gemmPlan(
      m: random.int(in: rows * 10...rows * 40 + 7), n: random.int(in: cols...cols * 3), k: random.int(in: 12...40), config: config
    )
    let cycle = QCNPEArray.simulate(config: config, plans: [plan], fidelity: .cycle)
    let fast = QCNPEArray.simulate(config: config, plans: [plan], fidelity: .fast)
    #expect(cycle.layers[0].phases == fast.layers[0].phases, "seed \(seed): \(rows)x\(cols) \(config)")
    #expect(cycle.layers[0].records == fast.layers[0].records, "seed \(seed)")
    #expect(cycle.layers[0].stallCycles > 0, "seed \(seed): the case should be memory-bound")
  }
}
