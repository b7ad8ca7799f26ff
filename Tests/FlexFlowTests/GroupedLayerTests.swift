import FlexFlow
import SimKernel
import Testing
import Trace

/// Grouped and depthwise convolutions and batched GEMMs on FlexFlow: the groups are an outer
/// loop of independent convolutions of N/G input maps and M/G output maps each, scheduled like
/// further samples (docs/flexflow.md, "Grouped convolutions"). Both fidelities agree, every
/// MAC is counted once, and a grouped layer costs exactly G ungrouped layers of one group.
@Suite struct GroupedLayerTests {
  @Test(arguments: 0..<50)
  func cycleAndFastAgreeOnGroupedLayers(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 9000)
    let side = random.int(in: 1...10)
    let config = FlexFlowConfig(
      side: side, neuronLocalStoreBytes: 2 * random.int(in: 50...128), kernelLocalStoreBytes: 2 * random.int(in: 50...128),
      neuronBusWordsPerCycle: random.int(in: 1...2), kernelBusWordsPerCycle: random.int(in: 1...side + 2),
      outputLatencyCycles: random.int(in: 0...3))
    let groups = random.int(in: 1...5)
    let depthwise = random.chance(0.4)
    let operation: LayerOperation
    if random.chance(0.75) {
      let kernel = random.int(in: 1...3)
      operation = .conv2d(
        ConvolutionShape(
          input: TensorShape(
            channels: groups * (depthwise ? 1 : random.int(in: 1...3)), height: random.int(in: 4...9),
            width: random.int(in: 4...9)),
          kernelHeight: kernel, kernelWidth: kernel, filters: groups * (depthwise ? 1 : random.int(in: 1...3)),
          strideY: random.int(in: 1...2), strideX: random.int(in: 1...2), paddingY: random.int(in: 0...1),
          paddingX: random.int(in: 0...1), paddingBottom: random.int(in: 0...2), paddingRight: random.int(in: 0...2),
          groups: groups))
    } else {
      operation = .gemm(
        GEMMShape(m: random.int(in: 1...20), n: random.int(in: 1...12), k: random.int(in: 1...12)), groups: groups)
    }
    let isGEMM = if case .gemm = operation { true } else { false }
    let layer = TraceLayer(name: "grouped", operation: operation, batch: isGEMM ? 1 : random.int(in: 1...2), activation: .relu)
    let trace = NetworkTrace(name: "g", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
    try trace.validate()
    let plan = try FlexFlowMapper.plan(trace, on: config)
    let stepped = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .cycle)
    let closed = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .fast)
    let label = "seed \(seed): D=\(side) \(operation) \(plan.layers)"
    #expect(stepped.layerCounts[0].macs == layer.macCount, "\(label)")
    #expect(stepped.layers[0].phases == closed.layers[0].phases, "\(label)")
    #expect(stepped.layers[0].records == closed.layers[0].records, "\(label)")
    #expect(stepped.layerCounts[0] == closed.layerCounts[0], "\(label)")
  }

  @Test func aGroupedConvolutionCostsItsGroupsAsSamples() throws {
    // 4 groups of (8 → 6 maps) on 10×10 is the 8 → 6 convolution run on 4 samples.
    let grouped = ConvolutionShape(
      input: TensorShape(channels: 32, height: 10, width: 10), kernelHeight: 3, kernelWidth: 3, filters: 24, groups: 4)
    let one = ConvolutionShape(
      input: TensorShape(channels: 8, height: 10, width: 10), kernelHeight: 3, kernelWidth: 3, filters: 6)
    let config = FlexFlowConfig(side: 8)
    func run(_ layer: TraceLayer) throws -> FlexFlowArray {
      let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer])
      return FlexFlowArray.simulate(config: config, plan: try FlexFlowMapper.plan(trace, on: config), fidelity: .fast)
    }
    let a = try run(TraceLayer(name: "g", operation: .conv2d(grouped)))
    let b = try run(TraceLayer(name: "g", operation: .conv2d(one), batch: 4))
    #expect(a.layers[0].phases == b.layers[0].phases)
    #expect(a.layers[0].records == b.layers[0].records)
    #expect(a.layers[0].macCount == 4 * 8 * 6 * 8 * 8 * 9)
  }

  @Test func dilatedConvolutionsAreRefusedNamingTheLayer() {
    let conv = ConvolutionShape(
      input: TensorShape(channels: 2, height: 9, width: 9), kernelHeight: 3, kernelWidth: 3, filters: 2, dilationY: 2,
      dilationX: 2)
    let trace = NetworkTrace(
      name: "t", provenance: Provenance(source: "test"), layers: [TraceLayer(name: "atrous", operation: .conv2d(conv))])
    #expect {
      _ = try FlexFlowMapper.plan(trace, on: FlexFlowConfig(side: 8))
    } throws: { error in
      guard let error = error as? FlexFlowMappingError else { return false }
      return error.layer == "atrous" && error.message.contains("dilated")
    }
  }
}
