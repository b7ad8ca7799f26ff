import Trace

/// Maps trace layers onto a QCNPE configuration (AxNN §5; docs/qcnpe.md "Mapping").
///
/// Dense, convolution and GEMM layers become folded matrix products (rows = batch × output
/// positions, columns = output neurons or filters, reduction = fan-in); a grouped convolution
/// or batched GEMM becomes one such product per group, run one after another. Per-neuron
/// precision goes to the neuron's column. Pooling runs on the AFUs.
public enum QCNPEMapper {
  /// The plan of every layer, or the first reason a layer cannot run on this QCNPE.
  public static func plan(_ trace: NetworkTrace, on config: QCNPEConfig) throws(QCNPEMappingError) -> [QCNPELayerPlan] {
    var plans: [QCNPELayerPlan] = []
    for (index, layer) in trace.layers.enumerated() {
      plans.append(try plan(layer, index: index, on: config))
    }
    return plans
  }

  static func plan(_ layer: TraceLayer, index: Int, on config: QCNPEConfig) throws(QCNPEMappingError) -> QCNPELayerPlan {
    func fail(_ message: String) -> QCNPEMappingError {
      QCNPEMappingError(layerIndex: index, layer: layer.name, message: message)
    }
    guard layer.approximation.multiplier == .exact else {
      throw fail(
        "QCNPE approximates by precision scaling only; the layer asks for a \(layer.approximation.multiplier.kindName) multiplier (use a FlexFlow or GPU config, or set the layer's multiplier to exact)"
      )
    }
    guard layer.approximation.weightSRAMVoltage == nil else {
      throw fail("QCNPE has no near-threshold weight storage; remove weight_sram_voltage_v or use a FlexFlow config")
    }
    if layer.precision.maximumBits > config.wordBits {
      throw fail("precision of \(layer.precision.maximumBits) bits exceeds the QCNPE word width (wordBits = \(config.wordBits))")
    }
    switch layer.operation {
    case .pool(let pool):
      guard let output = pool.output else { throw fail("the pooling window does not fit its input") }
      return .pool(
        PoolPlan(
          name: layer.name, kind: pool.kind, outputs: layer.batch * output.elementCount,
          windowElements: pool.windowElements))
    case .dense, .conv2d, .gemm:
      guard let shape = layer.gemm else { throw fail("the kernel does not fit its padded input") }
      // Neuron i of group g is global neuron g·N + i. A convolution's precision is per filter
      // (its neuron count is every group's filters); a batched GEMM's columns are shared by
      // its products, so its precision list repeats for each product.
      let groups = layer.gemmGroups
      let neurons = groups * shape.n
      let owners = layer.neuronCount
      let inputBits = (0..<neurons).map { UInt8(layer.precision.inputBits(ofNeuron: $0 % owners)) }
      let weightBits = (0..<neurons).map { UInt8(layer.precision.weightBits(ofNeuron: $0 % owners)) }
      var addressing = OperandAddressing(
        input: .matrix(reductions: shape.k), gemmRows: shape.m, denseReductions: shape.k, neurons: shape.n)
      if case .conv2d(let conv) = layer.operation, let output = conv.output {
        addressing.input = .windows(
          ConvolutionWindows(
            batch: layer.batch, height: conv.input.height, width: conv.input.width, channels: conv.channelsPerGroup,
            outputHeight: output.height, outputWidth: output.width, kernelWidth: conv.kernelWidth, strideY: conv.strideY,
            strideX: conv.strideX, paddingY: conv.paddingY, paddingX: conv.paddingX, dilationY: conv.dilationY,
            dilationX: conv.dilationX))
      }
      var mapped = shape
      if config.exploitsStructuredSparsity, let sparsity = layer.sparsity {
        // The NCUs see only the kept weights and the inputs they multiply (SCALE-Sim's
        // non-optimised sparse mapping): the reduction shrinks to K'.
        addressing.sparsity = (sparsity.kept, sparsity.block)
        mapped.k = sparsity.keptReductions(of: shape.k)
      }
      var plan = GEMMPlan(
        name: layer.name, shape: mapped, groups: groups, activation: layer.activation, inputBits: inputBits,
        weightBits: weightBits, rows: config.rows, cols: config.cols, dataflow: config.dataflow, addressing: addressing)
      plan.activity = OperandActivity(
        statistics: layer.statistics, inputBits: Int(inputBits.max() ?? 1), weightBits: Int(weightBits.max() ?? 1),
        dataflow: config.dataflow)
      return .gemm(plan)
    }
  }
}

/// A trace layer QCNPE cannot execute as written.
public struct QCNPEMappingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The layer's position in the trace.
  public var layerIndex: Int
  /// The layer's name.
  public var layer: String
  /// What is wrong and what to do.
  public var message: String

  public var description: String { "layers[\(layerIndex)] (\(layer)): \(message)" }
}
