import GPUCompute
import SimKernel
import Testing
import Trace

/// `--jobs`: a kernel's compute units run on several threads; the run must be the same as on
/// one thread (the slowest compute unit, its stalls, and the activity of all of them).
@Suite struct ParallelRunTests {
  @Test(arguments: 0..<8)
  func severalThreadsGiveTheSameRunAsOne(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 9000)
    let agreement = FidelityAgreementTests()
    let config = agreement.randomConfig(&random)
    let trace = agreement.randomTrace(&random)
    let plans = try GPUMapper.plan(trace, on: config)
    for fidelity in Fidelity.allCases {
      let one = try GPUDevice.simulate(config: config, plans: plans, fidelity: fidelity)
      let several = try GPUDevice.simulate(config: config, plans: plans, fidelity: fidelity, jobs: 3)
      #expect(one.layers == several.layers, "seed \(seed) \(fidelity)")
      #expect(one.kernelOutcomes == several.kernelOutcomes, "seed \(seed) \(fidelity)")
    }
  }
}
