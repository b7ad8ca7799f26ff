import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// Grouped and depthwise convolutions and batched GEMMs on QCNPE: one folded GEMM per group
/// (folds = groups × row folds × column folds), per-neuron precision indexed by the global
/// filter, the same cycles and ledger in both fidelities, and real grouped sums.
@Suite struct GroupedLayerTests {
  /// A random grouped layer: a grouped, depthwise, dilated or asymmetrically padded
  /// convolution, or a batched GEMM.
  static func randomLayer(_ random: inout CaseRandom, index: Int) -> TraceLayer {
    let operation: LayerOperation
    let neurons: Int
    if random.chance(0.7) {
      let groups = random.int(in: 1...5)
      let depthwise = random.chance(0.4)
      let channels = groups * (depthwise ? 1 : random.int(in: 1...3))
      let filters = groups * (depthwise ? 1 : random.int(in: 1...4))
      neurons = filters
      let kernel = random.int(in: 1...3)
      let dilation = random.int(in: 1...2)
      let extent = (kernel - 1) * dilation + 1
      let input = TensorShape(
        channels: channels, height: random.int(in: extent...extent + 6), width: random.int(in: extent...extent + 6))
      operation = .conv2d(
        ConvolutionShape(
          input: input, kernelHeight: kernel, kernelWidth: kernel, filters: filters, strideY: random.int(in: 1...2),
          strideX: random.int(in: 1...2), paddingY: random.int(in: 0...1), paddingX: random.int(in: 0...1),
          paddingBottom: random.int(in: 0...2), paddingRight: random.int(in: 0...2), dilationY: dilation, dilationX: dilation,
          groups: groups))
    } else {
      neurons = random.int(in: 1...20)
      operation = .gemm(
        GEMMShape(m: random.int(in: 1...30), n: neurons, k: random.int(in: 1...30)), groups: random.int(in: 2...6))
    }
    let perNeuron = random.chance(0.5)
    let inputBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 1...16) } : [random.int(in: 1...16)]
    let weightBits = perNeuron ? (0..<neurons).map { _ in random.int(in: 1...16) } : [random.int(in: 1...16)]
    let isGEMM = if case .gemm = operation { true } else { false }
    return TraceLayer(
      name: "layer\(index)", operation: operation, batch: isGEMM ? 1 : random.int(in: 1...2),
      activation: random.pick([.relu, .relu6, .identity, .sigmoid]),
      precision: LayerPrecision(inputBits: inputBits, weightBits: weightBits))
  }

  @Test(arguments: 0..<60)
  func cycleAndFastAgreeOnGroupedLayers(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 5000)
    let rows = random.int(in: 1...12)
    let cols = random.int(in: 1...12)
    let bandwidth: Int? = random.chance(0.3) ? nil : random.int(in: 1...(rows + cols + 2))
    let config = QCNPEConfig(
      rows: rows, cols: cols, fifoDepth: random.int(in: 1...24), memoryWordsPerCycle: bandwidth,
      afuDrainOverlap: random.chance(0.6), afuLatencyCycles: random.int(in: 0...2), operandSeed: seed)
    let layers = (0..<random.int(in: 1...2)).map { Self.randomLayer(&random, index: $0) }
    let trace = NetworkTrace(name: "grouped", topology: .independent, provenance: Provenance(source: "test"), layers: layers)
    try trace.validate()
    let plans = try QCNPEMapper.plan(trace, on: config)
    let cycle = QCNPEArray.simulate(config: config, plans: plans, fidelity: .cycle)
    let fast = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast)
    let label = "seed \(seed): \(rows)x\(cols) bandwidth \(bandwidth.map(String.init) ?? "ideal") \(layers.map(\.operation))"
    for ((stepped, closed), layer) in zip(zip(cycle.layers, fast.layers), layers) {
      #expect(stepped.phases == closed.phases, "\(label)")
      #expect(stepped.records == closed.records, "\(label)")
      #expect(stepped.macCount == layer.macCount, "\(label)")
    }
  }

  @Test func foldsAreGroupsTimesRowFoldsTimesColumnFolds() throws {
    // MobileNet-V2's second depthwise layer: 96 groups of one filter, 56·56 positions, 3·3 taps.
    let conv = ConvolutionShape(
      input: TensorShape(channels: 96, height: 112, width: 112), kernelHeight: 3, kernelWidth: 3, filters: 96, strideY: 2,
      strideX: 2, paddingY: 1, paddingX: 1, groups: 96)
    let trace = NetworkTrace(
      name: "dw", provenance: Provenance(source: "test"), layers: [TraceLayer(name: "dw", operation: .conv2d(conv))])
    let config = QCNPEConfig(rows: 16, cols: 16)
    guard case .gemm(let plan) = try QCNPEMapper.plan(trace, on: config)[0] else { return }
    #expect(plan.groups == 96 && plan.shape == GEMMShape(m: 3136, n: 1, k: 9))
    #expect(plan.foldCount == 96 * 196 * 1)
    let run = QCNPEArray.simulate(config: config, plans: [.gemm(plan)], fidelity: .fast)
    // Memory keeps up (no bandwidth limit): every fold takes K + R + C − 2 cycles.
    #expect(cycles(run.layers[0], "compute") == 96 * 196 * (9 + 16 + 16 - 2))
    #expect(run.layers[0].macCount == 96 * 3136 * 9)
  }

  @Test func perNeuronPrecisionIndexesTheGlobalFilter() throws {
    // Two groups of two filters; filter f runs at (4 + 4f)-bit inputs and (16 − 2f)-bit weights.
    let conv = ConvolutionShape(
      input: TensorShape(channels: 6, height: 5, width: 5), kernelHeight: 3, kernelWidth: 3, filters: 4, groups: 2)
    let layer = TraceLayer(
      name: "g", operation: .conv2d(conv),
      precision: LayerPrecision(inputBits: [4, 8, 12, 16], weightBits: [16, 14, 12, 10]))
    let trace = NetworkTrace(name: "g", provenance: Provenance(source: "test"), layers: [layer])
    let config = QCNPEConfig(rows: 4, cols: 3)
    let plans = try QCNPEMapper.plan(trace, on: config)
    for fidelity in [Fidelity.fast, .cycle] {
      let run = QCNPEArray.simulate(config: config, plans: plans, fidelity: fidelity)
      let multiplies = run.layers[0].records.filter { $0.counter == QCNPECounter.multiply.rawValue }
      // Each filter multiplies M·K = 9 positions × 27 taps at its own precision.
      #expect(Set(multiplies.map { [$0.bitsA, $0.bitsB] }) == [[4, 16], [8, 14], [12, 12], [16, 10]], "\(fidelity)")
      #expect(multiplies.allSatisfy { $0.count == 9 * 27 }, "\(fidelity)")
    }
  }

  @Test(arguments: 0..<12)
  func accumulatorsHoldEachGroupsOwnProduct(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 77)
    let groups = random.int(in: 2...4)
    let m = random.int(in: 1...20)
    let n = random.int(in: 1...6)
    let k = random.int(in: 1...15)
    let config = QCNPEConfig(rows: random.int(in: 1...6), cols: random.int(in: 1...6), wordBits: 16, operandSeed: seed)
    let bits = (0..<(groups * n)).map { _ in random.int(in: 4...16) }
    let layer = TraceLayer(
      name: "batched", operation: .gemm(GEMMShape(m: m, n: n, k: k), groups: groups),
      precision: LayerPrecision(inputBits: Array(bits.prefix(n)), weightBits: Array(bits.prefix(n))))
    let trace = NetworkTrace(name: "b", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
    let run = QCNPEArray.simulate(
      config: config, plans: try QCNPEMapper.plan(trace, on: config), fidelity: .cycle, collectOutputs: true)
    let outputs = try #require(run.outputs.first ?? nil)
    let operands = SynthesizedOperands(seed: config.operandSeed, wordBits: config.wordBits)
    // Group g reads input columns g·K ..< (g+1)·K and owns neurons g·N ..< (g+1)·N; a batched
    // GEMM's columns share one precision list across its products.
    for group in 0..<groups {
      for row in 0..<m {
        for column in 0..<n {
          let neuron = group * n + column
          var expected: Int64 = 0
          for index in 0..<k {
            let input = operands.truncate(operands.input(layer: 0, row: row, k: group * k + index), toBits: bits[column])
            let weight = operands.truncate(operands.weight(layer: 0, k: index, neuron: neuron), toBits: bits[column])
            expected += Int64(input) * Int64(weight)
          }
          #expect(outputs[row * groups * n + neuron] == expected, "seed \(seed): group \(group) [\(row), \(column)]")
        }
      }
    }
  }
}
