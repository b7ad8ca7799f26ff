import Energy
import FlexFlow
import SimKernel
import Testing

/// LeNet-5 on the 16×16 FlexFlow against the paper: utilisation (Fig. 15: 86%) and the power
/// split of Table 6 (49 / 72 / 28 / 779 mW; 928 mW in all).
@Suite struct PaperValidationTests {
  @Test(arguments: [Fidelity.fast, .cycle])
  func lenetUtilisationIsWithinFivePointsOfFigure15(fidelity: Fidelity) throws {
    let config = FlexFlowConfig()
    let run = FlexFlowArray.simulate(config: config, plan: try FlexFlowMapper.plan(lenet5(), on: config), fidelity: fidelity)
    let macs = run.layers.reduce(0) { $0 + $1.macCount }
    #expect(macs == 117_600 + 240_000 + 48_000 + 10_080 + 840)
    let utilisation = Double(macs) / Double(run.result.totalCycles * config.peCount)
    #expect(abs(utilisation - 0.86) <= 0.05, "utilisation \(utilisation)")
    #expect(utilisation <= 1)
  }

  @Test func lenetPowerLandsInTable6() throws {
    let split = try Pricing.split(lenet5(), table: Pricing.table())
    #expect(split.totalMW >= 840 && split.totalMW <= 1130, "total \(split.totalMW) mW")
    #expect(split.share(.compute) >= 0.80 && split.share(.compute) <= 0.86, "compute share \(split.share(.compute))")
    #expect(abs((split.groupsMW[.neuronIn] ?? 0) - 49) < 2.5)
    #expect(abs((split.groupsMW[.neuronOut] ?? 0) - 72) < 3.6)
    #expect(abs((split.groupsMW[.kernelIn] ?? 0) - 28) < 1.4)
    // The three buffers are separate report components.
    for name in ["neuron_buffer_in", "neuron_buffer_out", "kernel_buffer"] {
      #expect((split.componentsPJ[name] ?? 0) > 0, "\(name)")
    }
  }
}
