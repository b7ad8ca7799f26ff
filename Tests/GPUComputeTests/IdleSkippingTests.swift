import Testing
import Trace

@testable import GPUCompute

/// A compute unit jumps over cycles in which nothing can move.
///
/// Jumping must change nothing: the same cycles, stall cycles and activity as stepping every cycle,
/// on random kernels.
@Suite struct IdleSkippingTests {
  @Test(arguments: 0..<24)
  func jumpingOverIdleCyclesChangesNothing(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 7000)
    let agreement = FidelityAgreementTests()
    let config = agreement.randomConfig(&random)
    let trace = agreement.randomTrace(&random)
    for plan in try GPUMapper.plan(trace, on: config) {
      for kernel in plan.kernels {
        let occupancy = Occupancy(kernel: kernel, config: config)
        let units = min(config.computeUnits, kernel.workGroupCount)
        let workList = stride(from: 0, to: kernel.workGroupCount, by: units).map(Int32.init)
        var stepping = ComputeUnit(config: config, kernel: kernel, workList: workList, workGroupsPerCU: occupancy.workGroupsPerCU)
        stepping.skipsIdleCycles = false
        var jumping = ComputeUnit(config: config, kernel: kernel, workList: workList, workGroupsPerCU: occupancy.workGroupsPerCU)
        let label = "seed \(seed) \(plan.name) \(kernel.role)"
        #expect(try stepping.run() == jumping.run(), "\(label)")
        #expect(stepping.stallCycles == jumping.stallCycles, "\(label)")
        #expect(stepping.tally == jumping.tally, "\(label)")
      }
    }
  }
}
