import GPUCompute
import Testing
import Trace

/// Bad configurations are reported through `problems` (key and message) and bad layers
/// through `GPUMappingError`, never a crash.
@Suite struct ConfigProblemsTests {
  @Test func defaultsAndBothProfilesHaveNoProblems() {
    #expect(GPUConfig().problems.isEmpty)
    #expect(GPUConfig.multi2sim42.problems.isEmpty)
  }

  @Test func zeroComputeUnitsIsAProblem() {
    var config = GPUConfig()
    config.computeUnits = 0
    #expect(config.problems.map(\.key) == ["computeUnits"])
    #expect(config.problems.first?.message.contains("found 0") == true)
  }

  @Test func aBillionLanesIsAProblem() {
    var config = GPUConfig()
    config.simdLanes = 1_000_000_000
    #expect(config.problems.map(\.key) == ["simdLanes"])
  }

  @Test func negativeLatenciesAreProblems() {
    var config = GPUConfig()
    config.fetchLatencyCycles = -1
    config.valuTiming.latencyCycles = -8
    config.l2LatencyCycles = -10
    config.cannaHitTiming.intervalCycles = 0
    #expect(
      Set(config.problems.map(\.key)) == ["fetchLatencyCycles", "valuLatencyCycles", "l2LatencyCycles", "cannaHitIntervalCycles"])
  }

  @Test func absurdSizesAndRatesAreProblems() {
    var config = GPUConfig()
    config.computeUnits = 1_000_000_000
    config.clockMHz = -925
    config.workGroupSize = 100
    config.blockBytes = 96
    config.hitRateOverride = 1.5
    config.multiplierOverride = .canna(tuningBits: 40)
    let keys = Set(config.problems.map(\.key))
    #expect(keys == ["computeUnits", "clockMHz", "workGroupSize", "blockBytes", "hitRate", "multiplier"])
  }

  @Test func aWorkGroupLargerThanAPoolIsAProblem() {
    var config = GPUConfig()
    config.workGroupSize = 1024
    #expect(config.problems.map(\.key) == ["workGroupSize"])
  }

  @Test func drumLayersAreRejectedWithAReason() throws {
    let layer = TraceLayer(
      name: "fc", operation: .dense(inputs: 8, outputs: 8), approximation: ApproximationSettings(multiplier: .drum(k: 6)))
    let trace = NetworkTrace(name: "drum", provenance: Provenance(source: "test"), layers: [layer])
    #expect(throws: GPUMappingError.self) { try GPUMapper.plan(trace, on: GPUConfig()) }
    do {
      _ = try GPUMapper.plan(trace, on: GPUConfig())
    } catch {
      #expect(error.description.contains("DRUM"))
    }
  }

  @Test func aKernelThatCannotFitAComputeUnitIsAMappingError() {
    var config = GPUConfig()
    config.ldsBytesPerCU = 1024
    let trace = NetworkTrace(
      name: "big", provenance: Provenance(source: "test"),
      layers: [TraceLayer(name: "fc", operation: .dense(inputs: 512, outputs: 512), batch: 64)])
    #expect(throws: GPUMappingError.self) { try GPUMapper.plan(trace, on: config) }
  }
}
