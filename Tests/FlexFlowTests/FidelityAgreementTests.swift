import FlexFlow
import SimKernel
import Testing
import Trace

/// `cycle` steps every PE, bus and load cycle by cycle and finds each block's words by
/// enumerating every PE's operands; `fast` uses the closed forms of the block schedule. They
/// must agree exactly: the same cycles in every phase and the same activity ledger.
@Suite struct FidelityAgreementTests {
  @Test(arguments: 0..<160)
  func cycleAndFastAgreeOnRandomLayersAndArrays(seed: UInt64) throws {
    var random = CaseRandom(seed: seed)
    let side = random.int(in: 1...12)
    let config = FlexFlowConfig(
      side: side, neuronLocalStoreBytes: 2 * random.int(in: 50...128), kernelLocalStoreBytes: 2 * random.int(in: 50...128),
      neuronBusWordsPerCycle: random.int(in: 1...2), kernelBusWordsPerCycle: random.int(in: 1...side + 2),
      outputLatencyCycles: random.int(in: 0...5))
    var layers: [TraceLayer] = []
    for index in 0..<random.int(in: 1...3) {
      let operation: LayerOperation
      let batch = random.int(in: 1...2)
      switch random.int(in: 0...3) {
      case 0:
        operation = .dense(inputs: random.int(in: 1...40), outputs: random.int(in: 1...30))
      case 1:
        let size = random.int(in: 3...10)
        operation = .pool(
          PoolShape(
            kind: random.chance(0.5) ? .maxpool : .avgpool,
            input: TensorShape(channels: random.int(in: 1...3), height: size, width: size), size: 2, stride: 2))
      default:
        let kernelRows = random.int(in: 1...5)
        let kernelCols = random.int(in: 1...5)
        operation = .conv2d(
          ConvolutionShape(
            input: TensorShape(channels: random.int(in: 1...5), height: random.int(in: 5...12), width: random.int(in: 5...12)),
            kernelHeight: kernelRows, kernelWidth: kernelCols, filters: random.int(in: 1...9), strideY: random.int(in: 1...3),
            strideX: random.int(in: 1...3), paddingY: random.int(in: 0...1), paddingX: random.int(in: 0...1)))
      }
      layers.append(TraceLayer(name: "layer\(index)", operation: operation, batch: batch, activation: .relu))
    }
    let trace = NetworkTrace(name: "random", topology: .independent, provenance: Provenance(source: "test"), layers: layers)
    let plan = try FlexFlowMapper.plan(trace, on: config)
    let stepped = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .cycle)
    let closed = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .fast)
    let label =
      "seed \(seed): D=\(side) \(config.neuronLocalStoreWords)/\(config.kernelLocalStoreWords) words, layers \(layers.map(\.operation)) unrollings \(plan.layers)"
    #expect(stepped.layers.count == closed.layers.count, "\(label)")
    for (index, (a, b)) in zip(stepped.layers, closed.layers).enumerated() {
      // Invariants: every MAC of the layer counted once, never more PE-cycles used than exist.
      #expect(stepped.layerCounts[index].macs == plan.layers[index].macCount, "\(label) layer \(index)")
      #expect(a.macCount <= a.totalCycles * config.peCount, "\(label) layer \(index)")
      #expect(a.phases == b.phases, "\(label) layer \(index)")
      #expect(a.records == b.records, "\(label) layer \(index)")
      #expect(a.startCycle == b.startCycle, "\(label) layer \(index)")
      #expect(stepped.layerCounts[index] == closed.layerCounts[index], "\(label) layer \(index)")
    }
  }
}
