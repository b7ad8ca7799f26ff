import AxJSON
import GPUCompute

/// The `gpu` section of a config: the Southern Islands GPU of multi2sim (docs/sources.md#multi2sim),
/// its memory model, its approximate FPUs and the kernel builder.
///
/// Every key is declared once here; `profile` is applied before the others, whatever their order in
/// the file.
enum GPUSettings {
  static let section = ConfigSection<GPUConfig>(
    key: "gpu", summary: "a Southern Islands GPU (HD 7970) as multi2sim models it, with CANNA / FramNN FPUs (docs/gpu.md)",
    fields: device + frontEnd + units + memory + fpus + kernels)

  static let device: [ConfigField<GPUConfig>] = [
    choice(
      "profile", values: TimingProfile.allCases.map(\.rawValue), summary: "multi2sim version whose timing values to start from",
      read: { text, config in
        if let profile = TimingProfile(rawValue: text) { config.applyProfile(profile) }
      }, show: { _ in "\"head\"" }),
    .integer("computeUnits", \.computeUnits, in: 1...GPUConfig.maximumComputeUnits, unit: "CUs", "compute units on the device"),
    .number("clockMHz", \.clockMHz, in: 1...100_000, unit: "MHz", "clock frequency (925 on the HD 7970)"),
    .integer("wavefrontPools", \.wavefrontPools, in: 1...16, unit: "pools", "wavefront pools per CU, equal to its SIMD units"),
    .integer("maxWavefrontsPerPool", \.maxWavefrontsPerPool, in: 1...64, unit: "wavefronts", "wavefront slots per pool"),
    .integer("maxWorkGroupsPerPool", \.maxWorkGroupsPerPool, in: 1...64, unit: "work-groups", "work-groups a pool may hold"),
    .integer(
      "vectorRegistersPerCU", \.vectorRegistersPerCU, in: 64...(1 << 24), unit: "registers",
      "32-bit vector registers per CU (occupancy)"),
    .integer(
      "registerAllocationGranularity", \.registerAllocationGranularity, in: 1...65536, unit: "registers",
      "vector-register allocation granularity per wavefront"),
    .integer("ldsBytesPerCU", \.ldsBytesPerCU, in: 0...(1 << 24), unit: "bytes", "local data share per CU"),
    .integer("ldsAllocationGranularity", \.ldsAllocationGranularity, in: 1...65536, unit: "bytes", "LDS allocation granularity"),
  ]

  static let frontEnd: [ConfigField<GPUConfig>] = [
    .integer("fetchLatencyCycles", \.fetchLatencyCycles, in: 0...1024, unit: "cycles", "fetch until a uop may issue"),
    .integer("fetchWidth", \.fetchWidth, in: 1...64, unit: "instructions/cycle", "instructions a pool fetches per cycle"),
    .integer("fetchBufferSize", \.fetchBufferSize, in: 1...256, unit: "uops", "uops a fetch buffer holds"),
    .integer("issueLatencyCycles", \.issueLatencyCycles, in: 0...1024, unit: "cycles", "issue until a unit may take the uop"),
    .integer(
      "maxIssuedPerUnit", \.maxIssuedPerUnit, in: 1...64, unit: "uops/cycle", "uops issued to each execution unit per cycle"),
    choice(
      "simdBinding", values: SIMDBinding.allCases.map(\.rawValue),
      summary: "\"any\": the active pool issues to every SIMD (HEAD); \"own\": pool i only to SIMD i (4.2)",
      read: { text, config in config.simdBinding = SIMDBinding(rawValue: text) ?? .anySIMD },
      show: { "\"\($0.simdBinding.rawValue)\"" }),
  ]

  static let units: [ConfigField<GPUConfig>] = [
    .integer(
      "simdLanes", \.simdLanes, in: 1...64, unit: "lanes", "lanes per SIMD, a divisor of 64 (utilisation only, as in multi2sim)"),
    .integer("simdIssueBufferSize", \.simdIssueBufferSize, in: 1...256, unit: "uops", "SIMD issue buffer"),
    .integer("simdDecodeLatencyCycles", \.simdDecodeLatencyCycles, in: 0...1024, unit: "cycles", "SIMD decode latency"),
    .integer(
      "valuLatencyCycles", \.valuTiming.latencyCycles, in: 1...1024, unit: "cycles", "exact VALU read-execute-write latency"),
    .integer(
      "valuIntervalCycles", \.valuTiming.intervalCycles, in: 1...1024, unit: "cycles",
      "cycles between exact VALU starts on one SIMD (HEAD 4, 4.2 8)"),
    .integer("simdExecBufferSize", \.simdExecBufferSize, in: 1...256, unit: "uops", "VALU uops in flight per SIMD"),
    .integer("scalarIssueBufferSize", \.scalarIssueBufferSize, in: 1...256, unit: "uops", "scalar issue buffer"),
    .integer("scalarALULatencyCycles", \.scalarALULatencyCycles, in: 1...1024, unit: "cycles", "scalar ALU execute latency"),
    .integer("scalarExecBufferSize", \.scalarExecBufferSize, in: 1...256, unit: "uops", "scalar uops in execution"),
    .integer(
      "scalarLoadLatencyCycles", \.scalarLoadLatencyCycles, in: 1...100_000, unit: "cycles", "SMRD latency (scalar-cache hit)"),
    .integer("branchIssueBufferSize", \.branchIssueBufferSize, in: 1...256, unit: "uops", "branch issue buffer"),
    .integer(
      "branchLatencyCycles", \.branchLatencyCycles, in: 1...1024, unit: "cycles", "branch execute latency (HEAD 16, 4.2 4)"),
    .integer("branchExecBufferSize", \.branchExecBufferSize, in: 1...256, unit: "uops", "branch uops in execution"),
    .integer("ldsIssueBufferSize", \.ldsIssueBufferSize, in: 1...256, unit: "uops", "LDS issue buffer"),
    .integer("ldsLatencyCycles", \.ldsLatencyCycles, in: 1...1024, unit: "cycles", "LDS access latency"),
    .integer("ldsBytesPerCycle", \.ldsBytesPerCycle, in: 1...(1 << 20), unit: "bytes/cycle", "LDS bandwidth (2 ports x 64 B)"),
    .integer("ldsMaxInflight", \.ldsMaxInflight, in: 1...256, unit: "uops", "LDS uops in flight"),
  ]

  static let memory: [ConfigField<GPUConfig>] = [
    .integer(
      "vectorMemoryIssueBufferSize", \.vectorMemoryIssueBufferSize, in: 1...256, unit: "uops", "vector-memory issue buffer"),
    .integer("vectorMemoryMaxInflight", \.vectorMemoryMaxInflight, in: 1...256, unit: "uops", "vector-memory uops in flight"),
    .integer("l1Bytes", \.l1Bytes, in: 16...(1 << 24), unit: "bytes", "vector L1 per CU (fully associative, LRU)"),
    .integer("blockBytes", \.blockBytes, in: 16...4096, unit: "bytes", "cache block, a power of two"),
    .integer("l1LatencyCycles", \.l1LatencyCycles, in: 1...1024, unit: "cycles", "vector L1 hit latency"),
    .integer("l1LookupsPerCycle", \.l1LookupsPerCycle, in: 1...64, unit: "blocks/cycle", "L1 block lookups per cycle"),
    .integer("l1MissEntries", \.l1MissEntries, in: 1...1024, unit: "blocks", "outstanding L1 misses per CU (MSHRs)"),
    .integer("l2LatencyCycles", \.l2LatencyCycles, in: 0...100_000, unit: "cycles", "L2 latency"),
    .integer("dramLatencyCycles", \.dramLatencyCycles, in: 0...100_000, unit: "cycles", "DRAM latency beyond the L2"),
    .integer(
      "dramBytesPerCycle", \.dramBytesPerCycle, in: 1...(1 << 20), unit: "bytes/cycle",
      "device L2-DRAM bandwidth, split equally over the CUs"),
  ]

  static let fpus: [ConfigField<GPUConfig>] = [
    choice(
      "multiplier", values: ["trace", "exact", "canna", "mantissa"],
      summary: "multiplier of every layer; \"trace\" keeps each layer's own",
      read: { text, config in
        switch text {
        case "exact": config.multiplierOverride = .exact
        case "canna": config.multiplierOverride = .canna(tuningBits: 4)
        case "mantissa": config.multiplierOverride = .mantissa(bits: 16)
        default: config.multiplierOverride = nil
        }
      }, show: { _ in "\"trace\"" }),
    ConfigField(
      key: "cannaTuningBits", unit: "bits", range: "0...22", summary: "CANNA tuning bits (with \"multiplier\": \"canna\")",
      read: { node, config throws(JSONDecodeError) in
        guard case .canna = config.multiplierOverride else { throw node.error("cannaTuningBits needs \"multiplier\": \"canna\"") }
        config.multiplierOverride = .canna(tuningBits: try node.int(in: 0...22))
      }, show: { _ in "4" }),
    ConfigField(
      key: "mantissaBits", unit: "bits", range: "1...24",
      summary: "FramNN significand bits, hidden one included (with \"multiplier\": \"mantissa\")",
      read: { node, config throws(JSONDecodeError) in
        guard case .mantissa = config.multiplierOverride else {
          throw node.error("mantissaBits needs \"multiplier\": \"mantissa\"")
        }
        config.multiplierOverride = .mantissa(bits: try node.int(in: 1...24))
      }, show: { _ in "16" }),
    ConfigField(
      key: "hitRate", unit: "fraction", range: "0...1 or \"trace\"",
      summary: "CANNA hit rate of every layer; \"trace\" uses each layer's measurement, else 2^-n",
      read: { node, config throws(JSONDecodeError) in
        if case .string(let text) = node.value, text == "trace" {
          config.hitRateOverride = nil
        } else {
          config.hitRateOverride = try node.double(in: 0...1)
        }
      }, show: { $0.hitRateOverride.map { JSONWriter.format($0) } ?? "\"trace\"" }),
    .integer(
      "cannaHitLatencyCycles", \.cannaHitTiming.latencyCycles, in: 1...1024, unit: "cycles",
      "latency of a multiply whose lanes all run in approximate mode"),
    .integer(
      "cannaHitIntervalCycles", \.cannaHitTiming.intervalCycles, in: 1...1024, unit: "cycles",
      "SIMD interval after such a multiply"),
    .integer(
      "cannaMissLatencyCycles", \.cannaMissTiming.latencyCycles, in: 1...1024, unit: "cycles",
      "latency of a CANNA multiply in exact mode"),
    .integer(
      "cannaMissIntervalCycles", \.cannaMissTiming.intervalCycles, in: 1...1024, unit: "cycles",
      "SIMD interval after a CANNA multiply in exact mode"),
    choice(
      "latencyRule", values: FPULatencyRule.allCases.map(\.rawValue),
      summary: "\"any-miss\": exact timing if any active lane misses; \"proportional\": by the fraction of lanes missing",
      read: { text, config in config.latencyRule = FPULatencyRule(rawValue: text) ?? .anyActiveLaneMisses },
      show: { "\"\($0.latencyRule.rawValue)\"" }),
    choice(
      "testedOperand", values: TestedOperand.allCases.map(\.rawValue),
      summary: "operand whose mantissa CANNA tests and discards",
      read: { text, config in config.testedOperand = TestedOperand(rawValue: text) ?? .activation },
      show: { "\"\($0.testedOperand.rawValue)\"" }),
    .number(
      "mantissaTimingExponent", \.mantissaTimingExponent, in: 0...4, unit: "exponent",
      "FramNN multiply timing = exact x (m/24)^exponent, rounded up"),
    ConfigField(
      key: "seed", unit: "integer", range: "0...2^63-1", summary: "seed of the per-operand CANNA hit draws",
      read: { node, config throws(JSONDecodeError) in config.seed = UInt64(try node.int(in: 0...Int.max)) },
      show: { String($0.seed) }),
  ]

  static let kernels: [ConfigField<GPUConfig>] = [
    .integer(
      "workGroupSize", \.workGroupSize, in: 64...1024, unit: "work-items",
      "2-D GEMM and element-wise work-groups (multiple of 64)"),
    .integer("tileK", \.tileK, in: 4...256, unit: "elements", "reduction elements staged in the LDS per GEMM loop iteration"),
    .integer(
      "broadcastRowLimit", \.broadcastRowLimit, in: 0...16, unit: "rows",
      "GEMMs with at most this many rows run as batched GEMVs (one wavefront per work-group)"),
    .integer(
      "targetWorkGroupsPerCU", \.targetWorkGroupsPerCU, in: 1...64, unit: "work-groups",
      "work-groups per CU the builder aims for when splitting a GEMM's reduction"),
    .integer("ldsReadBatch", \.ldsReadBatch, in: 1...256, unit: "steps", "reduction steps whose LDS reads share one s_waitcnt"),
    .flag("training", \.training, "also run each layer's backward and weight-update kernels (one training step)"),
  ]

  /// A key taking one of `values`.
  static func choice(
    _ key: String, values: [String], summary: String, read: @escaping @Sendable (String, inout GPUConfig) -> Void,
    show: @escaping @Sendable (GPUConfig) -> String
  ) -> ConfigField<GPUConfig> {
    ConfigField(
      key: key, unit: "choice", range: values.map { "\"\($0)\"" }.joined(separator: ", "), summary: summary,
      read: { node, config throws(JSONDecodeError) in read(try node.string(oneOf: values), &config) }, show: show)
  }
}
