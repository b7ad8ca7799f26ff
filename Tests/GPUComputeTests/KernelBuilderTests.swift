import GPUCompute
import SimKernel
import Testing
import Trace

/// The kernel builder turns layers into GEMM kernels whose work matches the layer.
@Suite struct KernelBuilderTests {
  /// Batch-1 dense layers run as GEMVs: one wavefront per work-group, 64 outputs each, and a
  /// reduction split until the compute units have work (784 = 49 steps of 16; at least 4 steps
  /// per slice: 10 slices of 5 steps, the last of 4).
  @Test func smallBatchDenseLayersBroadcastRowsAndSplitTheReduction() {
    let tiling = GEMMTiling(m: 1, n: 500, k: 784, config: GPUConfig())
    #expect(tiling.broadcastsRows)
    #expect(tiling.workItems == 64)
    #expect(tiling.tileColumns == 64 && tiling.columnTiles == 8)
    #expect(tiling.slices == 10 && tiling.iterationsPerSlice == 5 && tiling.iterationsInLastSlice == 4)
  }

  @Test func largeBatchesUseTwoDimensionalTiles() {
    let tiling = GEMMTiling(m: 256, n: 500, k: 784, config: GPUConfig())
    #expect(!tiling.broadcastsRows)
    #expect(tiling.tileRows == 64 && tiling.tileColumns == 64)
    #expect(tiling.rowTiles == 4 && tiling.columnTiles == 8)
  }

  /// A reduction shorter than tileK is not padded with zero steps.
  @Test func shortReductionsAreNotPadded() {
    #expect(GEMMTiling(m: 500, n: 500, k: 10, config: GPUConfig()).tileK == 10)
  }

  /// Every lane product the kernels execute is counted once: for shapes that tile exactly,
  /// the multiplies equal M·N·K, and forward plus reduction store every output once.
  @Test(arguments: [(1, 128, 64), (10, 64, 160), (128, 128, 32), (64, 256, 48)])
  func multipliesMatchTheProductOnAlignedShapes(shape: (Int, Int, Int)) throws {
    let (m, n, k) = shape
    let layer = TraceLayer(name: "gemm", operation: .gemm(GEMMShape(m: m, n: n, k: k)))
    let trace = NetworkTrace(name: "g", provenance: Provenance(source: "test"), layers: [layer])
    var config = GPUConfig()
    config.computeUnits = 4
    let device = try GPUDevice.simulate(config: config, plans: GPUMapper.plan(trace, on: config), fidelity: .fast)
    let records = try #require(device.layers.first).records
    let products = records.filter { $0.counter == GPUCounter.multiplyExact.rawValue }.reduce(0) { $0 + $1.count }
    #expect(products == UInt64(m * n * k))
    let written = records.filter { $0.counter == GPUCounter.dramWrite.rawValue }.reduce(0) { $0 + $1.count }
    #expect(written >= UInt64(m * n / 16), "every output block is written")
  }

  /// Each weight is read from DRAM at least once per forward pass (compulsory traffic).
  @Test func forwardReadsEveryWeightBlock() throws {
    let layer = TraceLayer(name: "fc", operation: .dense(inputs: 784, outputs: 500), batch: 10)
    let trace = NetworkTrace(name: "fc", provenance: Provenance(source: "test"), layers: [layer])
    let device = try GPUDevice.simulate(config: GPUConfig(), plans: GPUMapper.plan(trace, on: GPUConfig()), fidelity: .fast)
    let reads = try #require(device.layers.first).records.filter { $0.counter == GPUCounter.dramRead.rawValue }
    #expect(reads.reduce(0) { $0 + $1.count } >= UInt64(784 * 512 / 16))
  }

  /// Training adds backward and update kernels (no input gradient for the first layer), and
  /// FramNN's backward pass runs exact.
  @Test func trainingBuildsBackwardAndUpdateKernels() throws {
    var config = GPUConfig()
    config.training = true
    let layers = [
      TraceLayer(name: "fc1", operation: .dense(inputs: 784, outputs: 500), batch: 10, activation: .relu),
      TraceLayer(
        name: "fc2", operation: .dense(inputs: 500, outputs: 10), batch: 10,
        approximation: ApproximationSettings(multiplier: .mantissa(bits: 12))),
    ]
    let trace = NetworkTrace(name: "mlp", provenance: Provenance(source: "test"), layers: layers)
    let plans = try GPUMapper.plan(trace, on: config)
    #expect(plans[0].kernels.map(\.role) == [.forward, .reduce, .backwardWeights, .update])
    #expect(plans[1].kernels.map(\.role) == [.forward, .reduce, .backwardData, .backwardWeights, .update])
    #expect(plans[1].kernels[0].fpu.mode == .mantissa(bits: 12))
    #expect(plans[1].kernels[2].fpu.mode == .exact)
    #expect(plans[1].macCount == 3 * 10 * 500 * 10)
  }

  @Test func poolingLayersRunOnePoolingKernel() throws {
    let pool = PoolShape(kind: .maxpool, input: TensorShape(channels: 6, height: 24, width: 24), size: 2, stride: 2)
    let trace = NetworkTrace(
      name: "p", provenance: Provenance(source: "test"), layers: [TraceLayer(name: "pool", operation: .pool(pool), batch: 2)])
    let plans = try GPUMapper.plan(trace, on: GPUConfig())
    #expect(plans[0].kernels.map(\.role) == [.pool])
    #expect(plans[0].kernels[0].workGroupCount == (2 * 6 * 12 * 12 + 255) / 256)
  }

  /// The repository's MLP trace runs end to end and every layer takes time.
  @Test func repositoryMLPRuns() throws {
    let trace = try CANNAValidation.trace(batch: 1)
    let device = try GPUDevice.simulate(config: GPUConfig(), plans: GPUMapper.plan(trace, on: GPUConfig()), fidelity: .fast)
    #expect(device.layers.map(\.name) == ["fc1", "fc2", "fc3"])
    #expect(device.layers.allSatisfy { $0.totalCycles > 0 })
    #expect(device.result.model == "gpu" && device.result.processingElements == 2048)
  }
}
