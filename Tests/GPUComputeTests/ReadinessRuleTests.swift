import GPUCompute
import Testing

/// When a wavefront may fetch again, by instruction kind (docs/sources.md#multi2sim).
@Suite struct ReadinessRuleTests {
  /// A scalar ALU instruction keeps its wavefront until it completes: issue 4, decode 5,
  /// read 6, execute 7–11, write 11, complete 12; the next fetch is at 12 (fetch runs after
  /// the units in a cycle).
  @Test func scalarALUReleasesItsWavefrontAtCompletion() throws {
    let trace = try KernelRunner.trace(handKernel([.sAddU32, .vAddI32, .sEndpgm]), config: GPUConfig())
    let scalar = records(trace, wavefront: 0, .sAddU32)
    #expect(scalar.map(\.issueCycle) == [4])
    #expect(scalar.map(\.retireCycle) == [12])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [12])
  }

  /// A branch takes 16 cycles to execute in HEAD (4 in 4.2): issue 4, decode 5, read 6,
  /// execute 7–23, write 23, complete 24.
  @Test func branchLatencyFollowsTheProfile() throws {
    let head = try KernelRunner.trace(handKernel([.sCbranchScc1, .sEndpgm]), config: GPUConfig())
    #expect(records(head, wavefront: 0, .sCbranchScc1).map(\.retireCycle) == [24])
    var shortBranch = GPUConfig()
    shortBranch.branchLatencyCycles = 4
    let short = try KernelRunner.trace(handKernel([.sCbranchScc1, .sEndpgm]), config: shortBranch)
    #expect(records(short, wavefront: 0, .sCbranchScc1).map(\.retireCycle) == [12])
  }

  /// An SMRD load lets its wavefront fetch the cycle after issue (issue 4, fetch 5), and an
  /// `s_waitcnt` right behind it holds the next fetch until the load has completed: the load
  /// executes 7–8 (scalarLoadLatencyCycles 1), writes 8, completes 9; the waitcnt (issued 8,
  /// completes 16) then finds `lgkm_cnt` at 0 and the VALU is fetched at 16.
  @Test func scalarLoadIsReadyTheCycleAfterIssue() throws {
    let trace = try KernelRunner.trace(handKernel([.sBufferLoadDwordx4, .sWaitcnt, .vAddI32, .sEndpgm]), config: GPUConfig())
    #expect(records(trace, wavefront: 0, .sBufferLoadDwordx4).map(\.issueCycle) == [4])
    #expect(records(trace, wavefront: 0, .sWaitcnt).map(\.fetchCycle) == [5])
    #expect(records(trace, wavefront: 0, .sWaitcnt).map(\.retireCycle) == [16])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [16])
  }

  /// A vector load lets its wavefront fetch the next cycle; `s_waitcnt` completes long before
  /// the data returns, and the VALU behind it is fetched in exactly the cycle the load
  /// completes and `vm_cnt` reaches 0.
  @Test func waitcntHoldsFetchUntilEveryCounterIsZero() throws {
    let kernel = handKernel([.bufferLoadDword, .sWaitcnt, .vAddI32, .sEndpgm], accesses: [contiguousLoad()])
    let trace = try KernelRunner.trace(kernel, config: GPUConfig())
    let load = try #require(records(trace, wavefront: 0, .bufferLoadDword).first)
    let wait = try #require(records(trace, wavefront: 0, .sWaitcnt).first)
    let valu = try #require(records(trace, wavefront: 0, .vAddI32).first)
    #expect(load.issueCycle == 4)
    #expect(wait.fetchCycle == 5)
    #expect(wait.retireCycle < load.retireCycle)
    #expect(valu.fetchCycle == load.retireCycle)
    // Four 64-byte misses of 2048 channel units each (64 B × 32 CUs at 1584 B/cycle), looked
    // up two a cycle from cycle 7: transfers end at 9, 10, 11, 13; data after +110 → 123; write
    // 123, complete 124.
    #expect(load.retireCycle == 124)
  }

  /// A wavefront that completes `s_barrier` waits for the rest of its work-group.
  ///
  /// Wavefront 0's barrier issues at 4 and completes at 12; wavefront 1's (one uop per unit per
  /// cycle) issues at 8 and completes at 16, releasing both: wavefront 0 fetches its VALU at 16,
  /// not 12.
  @Test func barrierHoldsEveryWavefrontUntilTheLastArrives() throws {
    let trace = try KernelRunner.trace(handKernel([.sBarrier, .vAddI32, .sEndpgm], wavefronts: 2), config: GPUConfig())
    #expect(records(trace, wavefront: 0, .sBarrier).map(\.retireCycle) == [12])
    #expect(records(trace, wavefront: 1, .sBarrier).map(\.retireCycle) == [16])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [16])
    #expect(records(trace, wavefront: 1, .vAddI32).map(\.fetchCycle) == [17])
  }

  /// LDS instructions free their wavefront at the write stage: a 64-lane `ds_read_b32` moves
  /// 256 bytes, two cycles of a 128-byte/cycle LDS; issue 4, decode 5, read 6, memory 7–8
  /// plus latency 2 → done 10, write 10 (the wavefront may fetch), complete 11.
  @Test func ldsReadReleasesItsWavefrontAtTheWriteStage() throws {
    let trace = try KernelRunner.trace(handKernel([.dsReadB32, .vAddI32, .sEndpgm]), config: GPUConfig())
    #expect(records(trace, wavefront: 0, .dsReadB32).map(\.retireCycle) == [11])
    #expect(records(trace, wavefront: 0, .vAddI32).map(\.fetchCycle) == [10])
  }
}
