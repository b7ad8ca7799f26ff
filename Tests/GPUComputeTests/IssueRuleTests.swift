import GPUCompute
import Testing

/// The issue stage of multi2sim's compute unit (docs/sources.md#multi2sim), on hand-written
/// streams whose cycles are worked out in each test's comment.
@Suite struct IssueRuleTests {
  /// One wavefront in pool 0, HEAD defaults (fetch latency 1, issue latency 1, decode 1):
  /// fetch 0 → issue 4 (pool 0 issues at cycles ≡ 0 mod 4) → decode 5 → execute 6; ready the
  /// cycle after execution starts, so the next fetch is at 7, issue 8, execute 10; then 14.
  ///
  /// `s_endpgm`: fetch 15, issue 16, decode 17, read 18, execute 19–23, write 23, completes 24;
  /// the last VALU retires at 14 + 8 = 22, so the work-group unmaps at 24: 25 cycles.
  @Test func valuStreamStartsEveryFourCyclesAndCompletesEightLater() throws {
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .vAddI32, .vAddI32, .sEndpgm]), config: GPUConfig())
    let valu = records(trace, wavefront: 0, .vAddI32)
    #expect(valu.map(\.fetchCycle) == [0, 7, 11])
    #expect(valu.map(\.issueCycle) == [4, 8, 12])
    #expect(valu.map(\.startCycle) == [6, 10, 14])
    #expect(valu.map(\.retireCycle) == [14, 18, 22])
    #expect(trace.cycles == 25)
  }

  /// With a 6-cycle VALU interval the second VALU, decoded at 9, waits for the SIMD until
  /// 6 + 6 = 12; its wavefront fetches again at 13, issues at 16, starts at 18 = 12 + 6.
  @Test func simdIntervalHoldsBackTheNextStart() throws {
    var config = GPUConfig()
    config.valuTiming = FPUTiming(latencyCycles: 8, intervalCycles: 6)
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .vAddI32, .vAddI32, .sEndpgm]), config: config)
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.startCycle) == [6, 12, 18])
  }

  /// Two wavefronts of one work-group share pool 0, which fetches one instruction a cycle
  /// (HEAD): wavefront 0 at 0, wavefront 1 at 1.
  ///
  /// At cycle 4 pool 0 issues; HEAD lets it feed
  /// every SIMD, starting at SIMD 4 mod 4 = 0, so both VALUs issue in the same cycle.
  @Test func headIssuesOneVALUPerSIMDFromTheActivePool() throws {
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .sEndpgm], wavefronts: 2), config: GPUConfig())
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [0])
    #expect(records(trace, wavefront: 1, .vAddI32).map(\.fetchCycle) == [1])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.issueCycle) == [4])
    #expect(records(trace, wavefront: 1, .vAddI32).map(\.issueCycle) == [4])
  }

  /// multi2sim 4.2 ties pool 0 to SIMD 0 and fetches 4 a cycle with latency 5: both
  /// wavefronts fetch at 0, are ready at 5, and pool 0 next issues at 8.
  ///
  /// One VALU per unit per cycle, the oldest first: wavefront 0 at 8, wavefront 1 at pool 0's next
  /// turn, 12.
  @Test func multi2sim42IssuesTheOldestVALUToThePoolsOwnSIMD() throws {
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .sEndpgm], wavefronts: 2), config: .multi2sim42)
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [0])
    #expect(records(trace, wavefront: 1, .vAddI32).map(\.fetchCycle) == [0])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.issueCycle) == [8])
    #expect(records(trace, wavefront: 1, .vAddI32).map(\.issueCycle) == [12])
  }

  /// 4.2's VALU interval is 8 (one exec-buffer entry): the second VALU of a 4.2 wavefront,
  /// fetched at 11 (started at 10, ready next cycle), ready 16, issued 16, decoded 17, starts
  /// at 18 = 10 + 8.
  @Test func multi2sim42StartsAVALUEveryEightCycles() throws {
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .vAddI32, .sEndpgm]), config: .multi2sim42)
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.startCycle) == [10, 18])
  }

  /// Work-groups go to slots in order and slot s uses pool s mod 4; each pool issues only at
  /// cycles ≡ its index mod 4.
  ///
  /// Four one-wavefront work-groups fetch at 0 in pools 0–3 and
  /// issue at 4, 1, 2, 3 (pool 0's first turn after fetch latency 1 is cycle 4).
  @Test func onlyThePoolOfCycleModFourIssues() throws {
    let trace = try KernelRunner.trace(handKernel([.vAddI32, .sEndpgm], workGroups: 4), config: GPUConfig())
    let issue = (0..<4).map { records(trace, wavefront: $0, .vAddI32).first?.issueCycle }
    #expect(issue == [4, 1, 2, 3])
  }

  /// The scalar unit takes one uop per cycle: two wavefronts' `s_add_u32` in one fetch buffer
  /// issue at 4 (the older) and 8 (the younger), though both were ready at 4.
  @Test func atMostOneInstructionPerUnitPerCycle() throws {
    let trace = try KernelRunner.trace(handKernel([.sAddU32, .sEndpgm], wavefronts: 2), config: GPUConfig())
    #expect(records(trace, wavefront: 0, .sAddU32).map(\.issueCycle) == [4])
    #expect(records(trace, wavefront: 1, .sAddU32).map(\.issueCycle) == [8])
  }
}
