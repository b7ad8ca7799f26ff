import FlexFlow
import Testing

/// The closed forms of the block schedule, recomputed by hand for layers of the paper.
@Suite struct BlockScheduleTests {
  /// LeNet-5 C1 (1→6 maps, 32×32 input, 5×5 kernel) under Table 4's ⟨3,1,1,5,3,5⟩:
  /// 2 steps per block (⌈5/3⌉·⌈5/5⌉), 2·28·6 = 336 blocks. A group of 15 column buses loads
  /// a 5-row window: 5·9 = 45 words (3 cycles) at a row's first column tile, 5·5 = 25 new
  /// words (2 cycles) at the next four, 5·3 = 15 (1 cycle) at the partial last tile of 3
  /// columns; the kernel (25 words on 16-word row buses) takes 2. So each of the 2·28 row
  /// starts overruns its 2 steps by 1 cycle; the first is the fill.
  @Test func lenetC1UnderTable4FactorsMatchesTheHandCount() {
    let loops = ConvolutionLoops(outputMaps: 6, inputMaps: 1, outputRows: 28, outputCols: 28, kernelRows: 5, kernelCols: 5)
    let unrolling = Unrolling(tm: 3, tn: 1, tr: 1, tc: 5, ti: 3, tj: 5)
    let config = FlexFlowConfig()
    let counts = FlexFlowMapper.counts(loops, unrolling, config: config)
    #expect(unrolling.stepsPerBlock(loops) == 2)
    #expect(unrolling.blockCount(loops) == 336)
    #expect(counts.fillCycles == 3)
    #expect(counts.computeCycles == 672)
    #expect(counts.stallCycles == 2 * 28 - 1)
    #expect(counts.tailCycles == 18)
    #expect(counts.totalCycles == 3 + 672 + 55 + 18)
    #expect(counts.macs == 6 * 28 * 28 * 25)
    #expect(counts.neuronWords == 2 * 28 * (45 + 4 * 25 + 15))
    #expect(counts.kernelWords == 150)
    #expect(counts.kernelStoreWrites == 150 * 5)
    // Eq. 2–3: U_r = 25 / (2·16), U_c = 4704 / (2·28·6·16).
    let expected = (25.0 / 32.0) * (4704.0 / 5376.0)
    #expect(abs(unrolling.computeUtilization(loops, side: 16) - expected) < 1e-12)
  }

  /// A dense layer is the S = K = 1 case: 400 → 120 under ⟨16,16,1,1,1,1⟩ takes
  /// ⌈120/16⌉·⌈400/16⌉ = 200 one-step blocks; each loads 16 synapses per row bus (1 cycle at
  /// 16 words) and one neuron per column (1 cycle), so nothing stalls; 25 input tiles mean
  /// 24 partial sums read back per output.
  @Test func denseLayerIsTheUnitKernelCase() {
    let loops = ConvolutionLoops(outputMaps: 120, inputMaps: 400, outputRows: 1, outputCols: 1, kernelRows: 1, kernelCols: 1)
    let counts = FlexFlowMapper.counts(loops, Unrolling(tm: 16, tn: 16, tr: 1, tc: 1, ti: 1, tj: 1), config: FlexFlowConfig())
    #expect(counts.fillCycles == 1)
    #expect(counts.computeCycles == 200)
    #expect(counts.stallCycles == 0)
    #expect(counts.macs == 48_000)
    #expect(counts.kernelWords == 48_000)
    #expect(counts.neuronWords == 8 * 400)
    #expect(counts.outputWrites == 120 * 25)
    #expect(counts.partialReads == 120 * 24)
    #expect(counts.activations == 120)
  }

  /// With one-word row buses the same dense layer waits for its synapses: 16 words per row
  /// per block take 16 cycles against 1 step, so each of the 199 later blocks stalls 15.
  @Test func narrowKernelBusesStallDenseLayers() {
    let loops = ConvolutionLoops(outputMaps: 120, inputMaps: 400, outputRows: 1, outputCols: 1, kernelRows: 1, kernelCols: 1)
    let config = FlexFlowConfig(kernelBusWordsPerCycle: 1)
    let counts = FlexFlowMapper.counts(loops, Unrolling(tm: 16, tn: 16, tr: 1, tc: 1, ti: 1, tj: 1), config: config)
    #expect(counts.fillCycles == 16)
    #expect(counts.stallCycles == 199 * 15)
  }

  /// The mapper, free to choose, picks Table 4's own factors for LeNet-5 C3 ⟨16,3,1,1,1,5⟩,
  /// and never picks factors outside Eq. 1.
  @Test func mapperRediscoversTable4ForLenetC3() throws {
    let config = FlexFlowConfig()
    let plan = try FlexFlowMapper.plan(lenet5(), on: config)
    guard case .array(let conv2) = plan.layers[2] else {
      Issue.record("conv2 is not an array layer")
      return
    }
    #expect(conv2.unrolling == Unrolling(tm: 16, tn: 3, tr: 1, tc: 1, ti: 1, tj: 5))
    for case .array(let layer) in plan.layers {
      #expect(layer.unrolling.fits(layer.loops, side: 16), "\(layer.name) \(layer.unrolling)")
      #expect(layer.unrolling.rowsUsed <= 16 && layer.unrolling.colsUsed <= 16)
    }
  }

  /// The inter-layer layout constraint ⟨Tm,Tr,Tc⟩(C1) = ⟨Tn,Ti,Tj⟩(C3) holds when asked for.
  @Test func interLayerLayoutChainsTheFactors() throws {
    let plan = try FlexFlowMapper.plan(lenet5(), on: FlexFlowConfig(interLayerLayout: true))
    guard case .array(let conv1) = plan.layers[0], case .array(let conv2) = plan.layers[2] else {
      Issue.record("conv layers are not array layers")
      return
    }
    #expect(conv2.unrolling.tn == conv1.unrolling.tm)
    #expect(conv2.unrolling.ti == conv1.unrolling.tr)
    #expect(conv2.unrolling.tj == conv1.unrolling.tc)
  }
}
