/// The parameters of a Southern Islands GPU (AMD Radeon HD 7970) as the multi2sim timing model
/// has them (docs/sources.md#multi2sim), plus the memory model, the approximate FPUs and the kernel
/// builder.
///
/// ```
///  GPU ── N compute units, each:
///         4 wavefront pools ─ fetch ─► 4 fetch buffers ─ issue (pool = cycle mod 4) ─┐
///         ┌───────────────┬──────────────┬──────────────┬───────────────┬───────────┘
///         ▼               ▼              ▼              ▼               ▼
///      branch unit   scalar unit    4 SIMD units    vector memory    LDS unit
///                     (SMRD)      (16 lanes, FPUs)   └► L1 ─► L2/DRAM slice
/// ```
///
/// Defaults are the multi2sim HEAD (5.0) semantics at the HD 7970's 925 MHz
/// (`GPUConfig.multi2simHEAD`); `GPUConfig.multi2sim42` holds the 4.2 values. Every choice
/// the sources leave open is listed in docs/gpu.md and kept configurable.
public struct GPUConfig: Equatable, Hashable, Sendable {
  // MARK: Device

  /// Compute units on the device (32 on the HD 7970).
  public var computeUnits: Int = 32
  /// Clock frequency in MHz (925 on the HD 7970 and in multi2sim 4.2; 1000 in HEAD's code).
  public var clockMHz: Double = 925
  /// Wavefront pools per compute unit, equal to its SIMD units (4).
  public var wavefrontPools: Int = 4
  /// Wavefront slots per pool (10, so 40 wavefronts per CU).
  public var maxWavefrontsPerPool: Int = 10
  /// Work-groups a pool may hold (10).
  public var maxWorkGroupsPerPool: Int = 10
  /// Vector registers per compute unit, in 32-bit registers per lane-slot (65536 = 256 KB).
  public var vectorRegistersPerCU: Int = 65536
  /// Vector-register allocation granularity per wavefront, in registers (32).
  public var registerAllocationGranularity: Int = 32
  /// Local data share per compute unit in bytes (64 KB).
  public var ldsBytesPerCU: Int = 65536
  /// LDS allocation granularity in bytes (64).
  public var ldsAllocationGranularity: Int = 64

  // MARK: Front end

  /// Cycles from fetch until a uop may issue (HEAD 1, 4.2 5).
  public var fetchLatencyCycles: Int = 1
  /// Instructions a pool may fetch per cycle (HEAD 1, 4.2 4).
  public var fetchWidth: Int = 1
  /// Uops a fetch buffer holds (10).
  public var fetchBufferSize: Int = 10
  /// Cycles from issue until a unit's first stage may take the uop (1).
  public var issueLatencyCycles: Int = 1
  /// Uops issued per execution unit per cycle (1).
  public var maxIssuedPerUnit: Int = 1
  /// How the active pool reaches the SIMDs: HEAD lets any pool issue to any SIMD (starting
  /// at SIMD `cycle mod 4`), 4.2 ties pool i to SIMD i.
  public var simdBinding: SIMDBinding = .anySIMD

  // MARK: SIMD units

  /// Lanes per SIMD (16).
  ///
  /// multi2sim ignores it in timing; it sets the processing-element
  /// count for utilisation and must divide the 64-wide wavefront.
  public var simdLanes: Int = 16
  /// Uops a SIMD's issue buffer holds (1).
  public var simdIssueBufferSize: Int = 1
  /// SIMD decode latency in cycles (1).
  public var simdDecodeLatencyCycles: Int = 1
  /// Exact VALU timing, every opcode: read-execute-write latency 8, a new instruction every
  /// 4 cycles per SIMD (HEAD) or 8 (4.2, one exec-buffer entry).
  public var valuTiming = FPUTiming(latencyCycles: 8, intervalCycles: 4)
  /// VALU uops in flight per SIMD (HEAD 2, 4.2 1).
  public var simdExecBufferSize: Int = 2

  // MARK: Scalar and branch units

  /// Uops the scalar unit's issue buffer holds (HEAD 4, 4.2 1).
  public var scalarIssueBufferSize: Int = 4
  /// Scalar ALU execute latency in cycles (4; HEAD hard-codes it).
  public var scalarALULatencyCycles: Int = 4
  /// Scalar uops in execution, SMRD loads included (32).
  public var scalarExecBufferSize: Int = 32
  /// Cycles an SMRD load spends in the scalar cache [assumption: a hit in the 16 KB scalar
  /// L1 shared by 4 CUs; kernel arguments and constants are read by every work-group].
  public var scalarLoadLatencyCycles: Int = 1
  /// Uops the branch unit's issue buffer holds (1).
  public var branchIssueBufferSize: Int = 1
  /// Branch execute latency in cycles (HEAD 16, 4.2 4).
  public var branchLatencyCycles: Int = 16
  /// Branch uops in execution (HEAD 16, 4.2 4).
  public var branchExecBufferSize: Int = 16

  // MARK: LDS

  /// Uops the LDS unit's issue buffer holds (HEAD 4, 4.2 1).
  public var ldsIssueBufferSize: Int = 4
  /// LDS access latency in cycles (2).
  public var ldsLatencyCycles: Int = 2
  /// LDS bytes served per cycle: 2 ports × 64-byte blocks = 128.
  public var ldsBytesPerCycle: Int = 128
  /// LDS uops in flight (32).
  public var ldsMaxInflight: Int = 32

  // MARK: Vector memory

  /// Uops the vector-memory unit's issue buffer holds (1).
  public var vectorMemoryIssueBufferSize: Int = 1
  /// Vector-memory uops in flight (32).
  public var vectorMemoryMaxInflight: Int = 32
  /// Vector L1 capacity per CU in bytes (16 KB).
  public var l1Bytes: Int = 16384
  /// Cache block size in bytes (64).
  public var blockBytes: Int = 64
  /// Vector L1 hit latency in cycles (1).
  public var l1LatencyCycles: Int = 1
  /// L1 block lookups per cycle (2, multi2sim's default cache ports).
  public var l1LookupsPerCycle: Int = 2
  /// Outstanding L1 misses per CU (16, multi2sim's default MSHR size).
  public var l1MissEntries: Int = 16
  /// L2 latency in cycles (10).
  public var l2LatencyCycles: Int = 10
  /// DRAM latency in cycles beyond the L2 (100).
  public var dramLatencyCycles: Int = 100
  /// Bytes per cycle the whole device moves between L2 and DRAM.
  ///
  /// 1584 = 6 channels × the 264-byte links of multi2sim's HD 7970 mem-config; the real card's 264
  /// GB/s is 285 at 925 MHz. Each CU owns an equal, fixed slice.
  public var dramBytesPerCycle: Int = 1584

  // MARK: Approximate FPUs

  /// Per-instruction timing of a multiply whose CANNA lanes all hit (approximate mode)
  /// [assumption: latency 2, an exponent add and a select; interval 1, the approximate path
  /// being narrow enough to take all 64 lanes in one pass; docs/gpu.md].
  public var cannaHitTiming = FPUTiming(latencyCycles: 2, intervalCycles: 1)
  /// Per-instruction timing of a CANNA multiply that runs in exact mode: the profile's exact
  /// VALU timing (the CFPU's exact path is the ordinary multiplier).
  public var cannaMissTiming = FPUTiming(latencyCycles: 8, intervalCycles: 4)
  /// How a wavefront's lanes' hits decide its multiply's timing.
  public var latencyRule: FPULatencyRule = .anyActiveLaneMisses
  /// Which operand of a product CANNA tests (and whose mantissa it discards).
  public var testedOperand: TestedOperand = .activation
  /// How FramNN's m-bit multiplier timing scales: latency and interval are the exact ones
  /// times (m / 24)^exponent, rounded up (1 = an array multiplier's delay, linear in width).
  public var mantissaTimingExponent: Double = 1
  /// A hit rate used for every CANNA layer instead of the trace's measurement, 0...1.
  public var hitRateOverride: Double?
  /// A multiplier forced on every layer instead of the trace's.
  public var multiplierOverride: FPUMode?
  /// Seed of the per-operand hit draws.
  public var seed: UInt64 = 1

  // MARK: Kernels

  /// Work-items per work-group of the GEMM kernels (256 = 4 wavefronts).
  public var workGroupSize: Int = 256
  /// Reduction elements a GEMM work-group stages in the LDS per loop iteration (16).
  public var tileK: Int = 16
  /// GEMMs with at most this many rows broadcast their rows to every lane (a batched GEMV).
  public var broadcastRowLimit: Int = 16
  /// Work-groups per CU the builder aims for when it splits a GEMM's reduction.
  public var targetWorkGroupsPerCU: Int = 4
  /// Reduction steps whose LDS reads share one `s_waitcnt`.
  public var ldsReadBatch: Int = 4
  /// Whether each layer also runs its backward and weight-update kernels (a training step).
  public var training: Bool = false

  /// A configuration: the multi2sim HEAD semantics at 925 MHz.
  public init() {}

  /// The wavefront width of Southern Islands, fixed by the ISA.
  public static let wavefrontSize = 64
  /// The largest compute-unit count accepted, so a typo cannot allocate millions of CUs.
  public static let maximumComputeUnits = 1024

  /// Multiply-accumulate lanes on the device, for utilisation.
  public var lanes: Int { computeUnits * wavefrontPools * simdLanes }
}
