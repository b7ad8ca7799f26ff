import FlexFlow
import SimKernel
import Testing
import Trace

/// `--jobs`: FlexFlow's layers run on several threads and are laid end to end; the run must
/// be the same as on one thread.
@Suite struct ParallelRunTests {
  @Test(arguments: ["lenet", "mlp"])
  func severalThreadsGiveTheSameRunAsOne(network: String) throws {
    let layers: [TraceLayer] =
      network == "lenet"
      ? [
        TraceLayer(
          name: "conv1",
          operation: .conv2d(
            ConvolutionShape(input: TensorShape(channels: 1, height: 12, width: 12), kernelHeight: 5, kernelWidth: 5, filters: 6)),
          activation: .relu),
        TraceLayer(
          name: "pool1",
          operation: .pool(PoolShape(kind: .maxpool, input: TensorShape(channels: 6, height: 8, width: 8), size: 2, stride: 2))),
        TraceLayer(
          name: "conv2",
          operation: .conv2d(
            ConvolutionShape(input: TensorShape(channels: 6, height: 4, width: 4), kernelHeight: 3, kernelWidth: 3, filters: 16)),
          activation: .relu),
        TraceLayer(name: "fc", operation: .dense(inputs: 64, outputs: 10), activation: .sigmoid),
      ]
      : [
        TraceLayer(name: "fc1", operation: .dense(inputs: 100, outputs: 40), batch: 8, activation: .relu),
        TraceLayer(name: "fc2", operation: .dense(inputs: 40, outputs: 10), batch: 8, activation: .sigmoid),
      ]
    let trace = NetworkTrace(name: network, provenance: Provenance(source: "test"), layers: layers)
    var config = FlexFlowConfig()
    config.side = 8
    let plan = try FlexFlowMapper.plan(trace, on: config)
    for fidelity in Fidelity.allCases {
      let one = FlexFlowArray.simulate(config: config, plan: plan, fidelity: fidelity)
      let several = FlexFlowArray.simulate(config: config, plan: plan, fidelity: fidelity, jobs: 3)
      #expect(one.layers == several.layers, "\(network) \(fidelity)")
      #expect(one.layerCounts == several.layerCounts, "\(network) \(fidelity)")
    }
  }
}
