import FlexFlow
import SimKernel
import Testing
import Trace

/// FlexFlow's utilisation on the paper's larger workloads, from the SCALE-Sim topologies in
/// traces/scalesim (Fig. 15: AlexNet 93 %, VGG 99 %, FlexFlow 83–99 % everywhere).
@Suite struct WorkloadUtilisationTests {
  static func utilisation(_ file: String) throws -> Double {
    let trace = try ScaleSimTopology.importTrace(csv: try Repository.text("traces/scalesim/" + file), file: file)
    let config = FlexFlowConfig()
    let run = FlexFlowArray.simulate(config: config, plan: try FlexFlowMapper.plan(trace, on: config), fidelity: .fast)
    let macs = run.layers.reduce(0) { $0 + $1.macCount }
    return Double(macs) / Double(run.result.totalCycles * config.peCount)
  }

  @Test func alexnetConvolutionsKeepTheArrayBusy() throws {
    let utilisation = try Self.utilisation("alexnet.csv")
    print("AlexNet utilisation \(utilisation)")
    #expect(utilisation >= 0.83 && utilisation <= 1, "AlexNet \(utilisation)")
  }
}
