import Trace

/// Maps trace layers onto GPU kernels (docs/gpu.md, "Kernels").
///
/// ```
///  dense, conv2d (im2col), gemm:  forward GEMM  Y = X · W        [+ reduce]
///     (grouped: one launch whose grid covers every group's product)
///     training adds:              backward data dX = dY · Wᵀ     [+ reduce]   (not for the first layer)
///                                 backward weights dW = Xᵀ · dY  [+ reduce]
///                                 update W, V (SGD with momentum)
///  maxpool, avgpool:              pool [+ pool backward]
/// ```
///
/// A layer's multiplier applies to all its multiplies in inference. In training, CANNA's
/// uniform approximation applies to every kernel (CANNA §IV-B1); FramNN approximates only the
/// forward pass and back-propagates exactly (FramNN §III-B).
public enum GPUMapper {
  /// The most work-groups one kernel may have (2^24, a billion wavefront instructions and
  /// more): beyond, a cycle-level run would take days, and a larger grid is refused up front.
  public static let maximumWorkGroups = 1 << 24

  /// The kernels of every layer, or the first reason a layer cannot run on this GPU.
  public static func plan(_ trace: NetworkTrace, on config: GPUConfig) throws(GPUMappingError) -> [GPULayerPlan] {
    if let problem = config.problems.first {
      throw GPUMappingError(layerIndex: -1, layer: "", message: "key \(problem.key): \(problem.message)")
    }
    var plans: [GPULayerPlan] = []
    for (index, layer) in trace.layers.enumerated() {
      let previous = index > 0 && trace.topology == .chain ? trace.layers[index - 1].activation : nil
      plans.append(try plan(layer, index: index, previousActivation: previous, on: config))
    }
    return plans
  }

  static func plan(_ layer: TraceLayer, index: Int, previousActivation: Activation?, on config: GPUConfig) throws(GPUMappingError)
    -> GPULayerPlan
  {
    func fail(_ message: String) -> GPUMappingError { GPUMappingError(layerIndex: index, layer: layer.name, message: message) }
    guard let fpu = LayerFPU.resolve(layer, config: config) else {
      throw fail(
        "the GPU's FPUs offer exact, CANNA and FramNN (mantissa) multipliers; the layer asks for a DRUM multiplier (use a FlexFlow config, or set the layer's multiplier to exact, canna or mantissa)"
      )
    }
    if let problem = fpu.mode.problem { throw fail(problem) }
    guard layer.approximation.weightSRAMVoltage == nil else {
      throw fail("the GPU model has no near-threshold weight storage; remove weight_sram_voltage_v or use a FlexFlow config")
    }
    let backwardFPU: LayerFPU
    if case .mantissa = fpu.mode { backwardFPU = LayerFPU(mode: .exact) } else { backwardFPU = fpu }
    let salts = TensorSalts(layer: index)
    var kernels: [Kernel] = []
    var macs = 0
    switch layer.operation {
    case .pool(let pool):
      guard let output = pool.output else { throw fail("the pooling window does not fit its input") }
      let outputs = layer.batch * output.elementCount
      let window = pool.windowElements
      let average = pool.kind == .avgpool
      kernels.append(
        KernelBuilder.pool(
          outputs: outputs, window: window, average: average, backward: false, sumSalt: salts.poolSum, fpu: fpu,
          config: config))
      if config.training {
        kernels.append(
          KernelBuilder.pool(
            outputs: outputs, window: window, average: average, backward: true, sumSalt: salts.poolSum, fpu: backwardFPU,
            config: config))
      }
    case .dense, .conv2d, .gemm:
      guard let shape = layer.gemm else { throw fail("the kernel does not fit its padded input") }
      // A grouped layer is one launch per GEMM whose grid covers every group (Kernel+Groups).
      let groups = layer.gemmGroups
      guard groups <= Kernel.maximumGroups else {
        throw fail(
          "\(groups) groups exceed the \(Kernel.maximumGroups) one GPU kernel addresses (docs/gpu.md, Limits)")
      }
      let testsActivation = config.testedOperand == .activation
      var forward = GEMMSpec(
        role: .forward, m: shape.m, n: shape.n, k: shape.k, a: GEMMOperand(tensor: 1, salt: salts.input),
        b: GEMMOperand(tensor: 2, salt: salts.weight), testsA: testsActivation, fpu: fpu)
      if case .gemm = layer.operation {} else { forward.bias = true }
      forward.activation = ActivationKind(layer.activation)
      forward.groups = groups
      kernels += KernelBuilder.gemm(forward, config: config)
      macs += groups * shape.macCount
      if config.training {
        if index > 0 {
          var data = GEMMSpec(
            role: .backwardData, m: shape.m, n: shape.k, k: shape.n, a: GEMMOperand(tensor: 1, salt: salts.outputGradient),
            b: GEMMOperand(tensor: 2, storedTransposed: true, salt: salts.weight), testsA: testsActivation, fpu: backwardFPU)
          data.derivative = previousActivation.map(ActivationKind.init) ?? .identity
          data.groups = groups
          kernels += KernelBuilder.gemm(data, config: config)
          macs += groups * shape.macCount
        }
        var weights = GEMMSpec(
          role: .backwardWeights, m: shape.k, n: shape.n, k: shape.m,
          a: GEMMOperand(tensor: 1, storedTransposed: true, salt: salts.input),
          b: GEMMOperand(tensor: 2, salt: salts.outputGradient), testsA: testsActivation, fpu: backwardFPU)
        weights.groups = groups
        kernels += KernelBuilder.gemm(weights, config: config)
        macs += groups * shape.macCount
        kernels.append(
          KernelBuilder.update(
            rows: shape.k, columns: groups * shape.n, velocitySalt: salts.velocity, fpu: backwardFPU, config: config))
      }
    }
    for kernel in kernels {
      guard kernel.workGroupCount <= GPUMapper.maximumWorkGroups else {
        throw fail(
          "a \(kernel.role.rawValue) kernel needs \(kernel.workGroupCount) work-groups; the GPU model simulates at most \(GPUMapper.maximumWorkGroups) per kernel (docs/gpu.md, Limits)"
        )
      }
      let occupancy = Occupancy(kernel: kernel, config: config)
      guard occupancy.workGroupsPerCU > 0 else {
        throw fail(
          "a \(kernel.role.rawValue) work-group (\(kernel.workGroupSize) work-items, \(kernel.vectorRegisters) registers each, \(kernel.ldsBytes) bytes of LDS) does not fit a compute unit: limits by wavefronts \(occupancy.byWavefronts), registers \(occupancy.byRegisters), LDS \(occupancy.byLDS) per pool"
        )
      }
    }
    return GPULayerPlan(name: layer.name, kernels: kernels, macCount: macs, fpu: fpu)
  }
}
