import GPUCompute
import Testing
import Trace

/// Per-layer FPU settings, hit rates and CANNA's draws.
@Suite struct FPUConfigTests {
  @Test func defaultHitRateIsTwoToTheMinusTuningBits() {
    #expect(LayerFPU.defaultHitRate(tuningBits: 0) == 1)
    #expect(LayerFPU.defaultHitRate(tuningBits: 4) == 0.0625)
  }

  /// The config's override beats the measurement, which beats 2^-n.
  @Test func hitRateComesFromOverrideThenMeasurementThenDefault() throws {
    let measured = TraceLayer(
      name: "fc", operation: .dense(inputs: 4, outputs: 4),
      approximation: ApproximationSettings(multiplier: .canna(tuningBits: 4)),
      statistics: OperandStatistics(cannaHitRate: [.init(setting: 4, value: 0.33)]))
    var config = GPUConfig()
    #expect(
      LayerFPU.resolve(measured, config: config)
        == LayerFPU(mode: .canna(tuningBits: 4), hitRate: 0.33, hitRateSource: "measured"))
    config.hitRateOverride = 0.9
    #expect(try #require(LayerFPU.resolve(measured, config: config)).hitRate == 0.9)
    let unmeasured = TraceLayer(
      name: "fc", operation: .dense(inputs: 4, outputs: 4),
      approximation: ApproximationSettings(multiplier: .canna(tuningBits: 3)))
    #expect(try #require(LayerFPU.resolve(unmeasured, config: GPUConfig())).hitRate == 0.125)
    config.multiplierOverride = .mantissa(bits: 12)
    #expect(try #require(LayerFPU.resolve(measured, config: config)).mode == .mantissa(bits: 12))
    #expect(
      LayerFPU.resolve(
        TraceLayer(
          name: "d", operation: .dense(inputs: 1, outputs: 1), approximation: ApproximationSettings(multiplier: .drum(k: 6))),
        config: GPUConfig()) == nil)
  }

  /// FramNN timing: exact × (m/24), rounded up: 16 bits → latency 6, interval 3.
  @Test func mantissaTimingScalesWithTheKeptBits() {
    let config = GPUConfig()
    #expect(config.mantissaTiming(bits: 24) == config.valuTiming)
    #expect(config.mantissaTiming(bits: 16) == FPUTiming(latencyCycles: 6, intervalCycles: 3))
    #expect(config.mantissaTiming(bits: 1) == FPUTiming(latencyCycles: 1, intervalCycles: 1))
  }

  /// Draws are a pure function of (seed, tensor, element); a product that hits at rate h also
  /// hits at every higher rate; over many elements the hit fraction is h.
  @Test func drawsAreDeterministicNestedAndCalibrated() {
    var hitsAtThird = 0
    var hitsAtHalf = 0
    let elements = 200_000
    for element in 0..<Int64(elements) {
      let third = FPUDraws.hits(seed: 1, salt: 7, element: element, threshold: FPUDraws.threshold(hitRate: 1.0 / 3))
      let half = FPUDraws.hits(seed: 1, salt: 7, element: element, threshold: FPUDraws.threshold(hitRate: 0.5))
      #expect(third == FPUDraws.hits(seed: 1, salt: 7, element: element, threshold: FPUDraws.threshold(hitRate: 1.0 / 3)))
      if third { #expect(half) }
      if third { hitsAtThird += 1 }
      if half { hitsAtHalf += 1 }
    }
    #expect(abs(Double(hitsAtThird) / Double(elements) - 1.0 / 3) < 0.005)
    #expect(abs(Double(hitsAtHalf) / Double(elements) - 0.5) < 0.005)
    #expect(FPUDraws.hits(seed: 1, salt: 7, element: 3, threshold: FPUDraws.threshold(hitRate: 1)))
    #expect(!FPUDraws.hits(seed: 1, salt: 7, element: 3, threshold: FPUDraws.threshold(hitRate: 0)))
  }

  /// The latency rules on a hand-written multiply stream: all lanes test one element (hit
  /// rate 1 → every multiply hits, interval 1) versus the exact timing (interval 4).
  @Test func hitsShortenTheMultiplyInterval() throws {
    let pattern = TestedOperandPattern(salt: 1, rowOrigin: LinearForm(), columnOrigin: LinearForm(), rows: 1, columns: 1)
    let program = [
      Instruction(.vMacF32, tested: 0), Instruction(.vMacF32, tested: 0), Instruction(.vMacF32, tested: 0),
      Instruction(.sEndpgm),
    ]
    func starts(_ fpu: LayerFPU, workGroups: Int) throws -> [Int64] {
      let kernel = Kernel(
        program: program, loopStart: 3, loopEnd: 3, columnTiles: workGroups, testedOperands: [pattern], fpu: fpu)
      let trace = try KernelRunner.trace(kernel, config: GPUConfig())
      return trace.instructions.filter { $0.opcode == .vMacF32 }.map(\.startCycle)
    }
    // Eight one-wavefront work-groups: pools 0–3 each hold two, so SIMD 0 receives a VALU
    // from pool 0 at cycle 4 and from pool 1's second wavefront soon after.
    let exact = try starts(LayerFPU(mode: .exact), workGroups: 8)
    let approximate = try starts(LayerFPU(mode: .canna(tuningBits: 0), hitRate: 1), workGroups: 8)
    #expect(approximate.max() ?? 0 < exact.max() ?? 0)
    let missing = try starts(LayerFPU(mode: .canna(tuningBits: 8), hitRate: 0), workGroups: 8)
    #expect(missing == exact)
  }
}
