import Trace

/// A network mapped onto FlexFlow: each layer's plan and the supply voltage of the kernel
/// storage for the whole run.
public struct FlexFlowNetworkPlan: Equatable, Sendable {
  /// Each layer's plan, in trace order.
  public var layers: [FlexFlowLayerPlan]
  /// Supply voltage of the kernel buffer and kernel local stores in volts; nil is nominal.
  /// One value per run: the stored weights sit in one voltage domain (AxTrain §4 uses one
  /// setting throughout inference).
  public var kernelStorageVolts: Double?

  /// A plan.
  public init(layers: [FlexFlowLayerPlan], kernelStorageVolts: Double?) {
    self.layers = layers
    self.kernelStorageVolts = kernelStorageVolts
  }
}

/// Maps trace layers onto a FlexFlow configuration: picks each layer's unrolling
/// ⟨Tm,Tn,Tr,Tc,Ti,Tj⟩ under Tn·Ti·Tj ≤ D and Tm·Tr·Tc ≤ D to minimise its cycles (stalls
/// included), i.e. to maximise utilisation; resolves each layer's multiplier and the run's
/// kernel-storage voltage. docs/flexflow.md, "Mapping". Under a baseline dataflow
/// (`FlexFlowConfig.dataflow`) each layer gets that baseline's fixed parallelism instead
/// (`Dataflow.baselineParallelism`) and no search.
public enum FlexFlowMapper {
  /// The plan of every layer, or the first reason a layer cannot run on this FlexFlow.
  public static func plan(_ trace: NetworkTrace, on config: FlexFlowConfig) throws(FlexFlowMappingError)
    -> FlexFlowNetworkPlan
  {
    if let problem = config.problems.first {
      throw FlexFlowMappingError(layerIndex: -1, layer: "", message: "flexflow.\(problem.key): \(problem.message)")
    }
    var plans: [FlexFlowLayerPlan] = []
    var volts: Double?? = .none
    var voltsSource = ""
    var previousArray: (unrolling: Unrolling, output: TensorShape?, batch: Int)?
    for (index, layer) in trace.layers.enumerated() {
      func fail(_ message: String) -> FlexFlowMappingError {
        FlexFlowMappingError(layerIndex: index, layer: layer.name, message: message)
      }
      switch layer.operation {
      case .pool(let pool):
        guard let output = pool.output else { throw fail("the pooling window does not fit its input") }
        let fused = previousArray.map { $0.output == pool.input && $0.batch == layer.batch } ?? false
        plans.append(
          .pool(
            PoolLayerPlan(
              name: layer.name, kind: pool.kind, windows: layer.batch * output.elementCount,
              windowElements: pool.windowElements, fused: fused)))
        if !fused { previousArray = nil }
      case .dense, .conv2d, .gemm:
        if case .conv2d(let conv) = layer.operation, conv.dilationY != 1 || conv.dilationX != 1 {
          throw fail(
            "FlexFlow's PE columns share neurons between adjacent kernel taps; a dilated convolution (dilation [\(conv.dilationY), \(conv.dilationX)]) is not modelled (use a QCNPE or GPU config)"
          )
        }
        guard let loops = loops(of: layer) else { throw fail("the kernel does not fit its padded input") }
        let multiplier = config.multiplierOverride ?? layer.approximation.multiplier
        switch multiplier {
        case .exact:
          if layer.precision.maximumBits > config.wordBits {
            throw fail(
              "precision of \(layer.precision.maximumBits) bits exceeds the FlexFlow word (wordBits = \(config.wordBits))")
          }
        case .drum(let k):
          if !(3...(config.wordBits - 1)).contains(k) {
            throw fail("DRUM k = \(k) is outside 3...\(config.wordBits - 1) (DRUM keeps k < wordBits significant bits)")
          }
        case .canna, .mantissa:
          throw fail(
            "FlexFlow's PEs have exact or DRUM multipliers; the layer asks for \(multiplier.kindName) (use a GPU config, or set multiplier)"
          )
        }
        if config.kernelStorageVolts == nil {
          let layerVolts = layer.approximation.weightSRAMVoltage
          if let chosen = volts, chosen != layerVolts {
            throw fail(
              "weight_sram_voltage_v \(layerVolts.map { "\($0) V" } ?? "nominal") differs from \(voltsSource)'s \(chosen.map { "\($0) V" } ?? "nominal"); FlexFlow's kernel storage has one supply (set flexflow.kernelStorageVolts to override)"
            )
          }
          volts = .some(layerVolts)
          voltsSource = layer.name
        }
        let required: Unrolling? =
          config.interLayerLayout && previousArray != nil
          ? previousArray.map { Unrolling(tm: 1, tn: $0.unrolling.tm, tr: 1, tc: 1, ti: $0.unrolling.tr, tj: $0.unrolling.tc) }
          : nil
        let unrolling: Unrolling
        if let parallelism = config.dataflow.baselineParallelism(loops, side: config.side) {
          // A baseline dataflow: fixed parallelism, no local stores to fit (docs/flexflow.md).
          guard parallelism.fits(loops, side: Int.max), loops.samples >= 1, loops.strideY >= 1, loops.strideX >= 1 else {
            throw fail("the layer has an empty dimension or a zero stride")
          }
          unrolling = parallelism
        } else {
          guard let best = bestUnrolling(for: loops, config: config, columnsLike: required) else {
            throw fail(
              "no unrolling keeps a block within half a local store (\(config.neuronLocalStoreWords) neuron, \(config.kernelLocalStoreWords) kernel words): the kernel is too large"
            )
          }
          unrolling = best
        }
        plans.append(
          .array(
            ArrayLayerPlan(
              name: layer.name, loops: loops, unrolling: unrolling, multiplier: multiplier,
              inputBits: layer.precision.inputBits.max() ?? config.wordBits,
              weightBits: layer.precision.weightBits.max() ?? config.wordBits, activation: layer.activation)))
        let isConvolution = if case .conv2d = layer.operation { true } else { false }
        previousArray = isConvolution ? (unrolling, layer.outputShape, layer.batch) : nil
      }
    }
    return FlexFlowNetworkPlan(layers: plans, kernelStorageVolts: config.kernelStorageVolts ?? (volts ?? nil))
  }

  /// A layer's loop nest, or nil for pooling or an impossible geometry. A dense layer is the
  /// S = K = 1 case with its batch as output rows; a GEMM M×K by K×N has R = M, N_in = K,
  /// M_out = N.
  ///
  /// Groups are an outer loop of independent convolutions: a convolution of G groups is G
  /// convolutions of N/G input maps and M/G output maps each, and G products of a batched
  /// GEMM are G GEMMs. Each has its own weights and its own inputs, exactly as another sample
  /// of an ungrouped layer has its own inputs and (the schedule reloads them per sample) its
  /// weights; so the groups join the samples loop, and the unrolling is chosen for one group
  /// (docs/flexflow.md, "Grouped convolutions").
  public static func loops(of layer: TraceLayer) -> ConvolutionLoops? {
    switch layer.operation {
    case .dense(let inputs, let outputs):
      return ConvolutionLoops(
        outputMaps: outputs, inputMaps: inputs, outputRows: layer.batch, outputCols: 1, kernelRows: 1, kernelCols: 1)
    case .gemm(let gemm, let groups):
      return ConvolutionLoops(
        samples: groups, outputMaps: gemm.n, inputMaps: gemm.k, outputRows: gemm.m, outputCols: 1, kernelRows: 1,
        kernelCols: 1)
    case .conv2d(let conv):
      guard let output = conv.output else { return nil }
      return ConvolutionLoops(
        samples: layer.batch * conv.groups, outputMaps: conv.filtersPerGroup, inputMaps: conv.channelsPerGroup,
        outputRows: output.height, outputCols: output.width, kernelRows: conv.kernelHeight, kernelCols: conv.kernelWidth,
        strideY: conv.strideY, strideX: conv.strideX)
    case .pool:
      return nil
    }
  }

  /// Whether a block of `unrolling` fits half of each local store (the other half takes the
  /// next block while this one computes).
  public static func fitsLocalStores(_ loops: ConvolutionLoops, _ unrolling: Unrolling, config: FlexFlowConfig) -> Bool {
    let steps = unrolling.stepsPerBlock(loops)
    return 2 * steps <= config.neuronLocalStoreWords && 2 * steps <= config.kernelLocalStoreWords
  }

  /// The layer's counts under `unrolling` in closed form (what `fast` fidelity records).
  public static func counts(_ loops: ConvolutionLoops, _ unrolling: Unrolling, config: FlexFlowConfig) -> LayerCounts {
    BlockSchedule.counts(loops, unrolling, config: config)
  }

  /// The unrolling with the fewest cycles (then the fewest buffer and local-store writes,
  /// then the first in enumeration order), or nil when no block fits the local stores.
  /// - Parameter columnsLike: when given and feasible, fixes ⟨Tn, Ti, Tj⟩ to its values (the
  ///   inter-layer layout constraint).
  public static func bestUnrolling(for loops: ConvolutionLoops, config: FlexFlowConfig, columnsLike: Unrolling? = nil)
    -> Unrolling?
  {
    let side = config.side
    guard side >= 1, loops.samples >= 1, loops.outputMaps >= 1, loops.inputMaps >= 1, loops.outputRows >= 1,
      loops.outputCols >= 1, loops.kernelRows >= 1, loops.kernelCols >= 1, loops.strideY >= 1, loops.strideX >= 1,
      config.neuronBusWordsPerCycle >= 1, config.kernelBusWordsPerCycle >= 1
    else { return nil }
    if let fixed = columnsLike, fixed.tn <= loops.inputMaps, fixed.ti <= loops.kernelRows, fixed.tj <= loops.kernelCols,
      let best = search(loops, config: config, side: side, columns: [(fixed.tn, fixed.ti, fixed.tj)])
    {
      return best
    }
    var columns: [(Int, Int, Int)] = []
    for tn in 1...min(loops.inputMaps, side) {
      for ti in 1...min(loops.kernelRows, side / tn) {
        for tj in 1...min(loops.kernelCols, side / (tn * ti)) { columns.append((tn, ti, tj)) }
      }
    }
    return search(loops, config: config, side: side, columns: columns)
  }

  private static func search(_ loops: ConvolutionLoops, config: FlexFlowConfig, side: Int, columns: [(Int, Int, Int)])
    -> Unrolling?
  {
    var best: (unrolling: Unrolling, key: (Int, Int))?
    for (tn, ti, tj) in columns {
      for tm in 1...min(loops.outputMaps, side) {
        for tr in 1...min(loops.outputRows, side / tm) {
          for tc in 1...min(loops.outputCols, side / (tm * tr)) {
            let candidate = Unrolling(tm: tm, tn: tn, tr: tr, tc: tc, ti: ti, tj: tj)
            guard fitsLocalStores(loops, candidate, config: config) else { continue }
            let counts = BlockSchedule.counts(loops, candidate, config: config)
            let key = (counts.totalCycles, counts.neuronWords + counts.kernelStoreWrites)
            if let current = best, !(key < current.key) { continue }
            best = (candidate, key)
          }
        }
      }
    }
    return best?.unrolling
  }
}
