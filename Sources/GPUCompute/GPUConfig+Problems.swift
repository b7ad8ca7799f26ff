extension GPUConfig {
  /// Problems with the configuration, phrased for a user (the key and what was expected),
  /// empty when it is valid.
  ///
  /// A model built from a configuration with problems is never run.
  public var problems: [(key: String, message: String)] {
    var found = ProblemList()
    found.integer("computeUnits", computeUnits, in: 1...GPUConfig.maximumComputeUnits)
    if !(clockMHz > 0 && clockMHz <= 100_000) {
      found.add("clockMHz", "expected a number in (0, 100000], found \(clockMHz)")
    }
    found.integer("wavefrontPools", wavefrontPools, in: 1...16)
    found.integer("maxWavefrontsPerPool", maxWavefrontsPerPool, in: 1...64)
    found.integer("maxWorkGroupsPerPool", maxWorkGroupsPerPool, in: 1...64)
    found.integer("vectorRegistersPerCU", vectorRegistersPerCU, in: 64...(1 << 24))
    found.integer("registerAllocationGranularity", registerAllocationGranularity, in: 1...65536)
    found.integer("ldsBytesPerCU", ldsBytesPerCU, in: 0...(1 << 24))
    found.integer("ldsAllocationGranularity", ldsAllocationGranularity, in: 1...65536)
    found.integer("fetchLatencyCycles", fetchLatencyCycles, in: 0...1024)
    found.integer("fetchWidth", fetchWidth, in: 1...64)
    found.integer("fetchBufferSize", fetchBufferSize, in: 1...256)
    found.integer("issueLatencyCycles", issueLatencyCycles, in: 0...1024)
    found.integer("maxIssuedPerUnit", maxIssuedPerUnit, in: 1...64)
    if !GPUConfig.laneCounts.contains(simdLanes) {
      found.add("simdLanes", "expected a divisor of the 64-wide wavefront (1, 2, 4, 8, 16, 32 or 64), found \(simdLanes)")
    }
    found.integer("simdIssueBufferSize", simdIssueBufferSize, in: 1...256)
    found.integer("simdDecodeLatencyCycles", simdDecodeLatencyCycles, in: 0...1024)
    found.timing("valu", valuTiming)
    found.integer("simdExecBufferSize", simdExecBufferSize, in: 1...256)
    found.integer("scalarIssueBufferSize", scalarIssueBufferSize, in: 1...256)
    found.integer("scalarALULatencyCycles", scalarALULatencyCycles, in: 1...1024)
    found.integer("scalarExecBufferSize", scalarExecBufferSize, in: 1...256)
    found.integer("scalarLoadLatencyCycles", scalarLoadLatencyCycles, in: 1...100_000)
    found.integer("branchIssueBufferSize", branchIssueBufferSize, in: 1...256)
    found.integer("branchLatencyCycles", branchLatencyCycles, in: 1...1024)
    found.integer("branchExecBufferSize", branchExecBufferSize, in: 1...256)
    found.integer("ldsIssueBufferSize", ldsIssueBufferSize, in: 1...256)
    found.integer("ldsLatencyCycles", ldsLatencyCycles, in: 1...1024)
    found.integer("ldsBytesPerCycle", ldsBytesPerCycle, in: 1...(1 << 20))
    found.integer("ldsMaxInflight", ldsMaxInflight, in: 1...256)
    found.integer("vectorMemoryIssueBufferSize", vectorMemoryIssueBufferSize, in: 1...256)
    found.integer("vectorMemoryMaxInflight", vectorMemoryMaxInflight, in: 1...256)
    found.integer("blockBytes", blockBytes, in: 16...4096)
    if blockBytes.nonzeroBitCount != 1 { found.add("blockBytes", "expected a power of two, found \(blockBytes)") }
    found.integer("l1Bytes", l1Bytes, in: blockBytes...(1 << 24))
    found.integer("l1LatencyCycles", l1LatencyCycles, in: 1...1024)
    found.integer("l1LookupsPerCycle", l1LookupsPerCycle, in: 1...64)
    found.integer("l1MissEntries", l1MissEntries, in: 1...1024)
    found.integer("l2LatencyCycles", l2LatencyCycles, in: 0...100_000)
    found.integer("dramLatencyCycles", dramLatencyCycles, in: 0...100_000)
    found.integer("dramBytesPerCycle", dramBytesPerCycle, in: 1...(1 << 20))
    found.timing("cannaHit", cannaHitTiming)
    found.timing("cannaMiss", cannaMissTiming)
    if !(mantissaTimingExponent >= 0 && mantissaTimingExponent <= 4) {
      found.add("mantissaTimingExponent", "expected a number in 0...4, found \(mantissaTimingExponent)")
    }
    if let rate = hitRateOverride, !(rate >= 0 && rate <= 1) {
      found.add("hitRate", "expected a hit rate in 0...1, found \(rate)")
    }
    if let mode = multiplierOverride, let problem = mode.problem {
      found.add("multiplier", problem)
    }
    found.integer("workGroupSize", workGroupSize, in: 64...1024)
    if workGroupSize % GPUConfig.wavefrontSize != 0 {
      found.add("workGroupSize", "expected a multiple of the 64-wide wavefront, found \(workGroupSize)")
    } else if workGroupSize / GPUConfig.wavefrontSize > maxWavefrontsPerPool {
      found.add(
        "workGroupSize",
        "a work-group of \(workGroupSize) work-items needs \(workGroupSize / 64) wavefront slots but a pool has \(maxWavefrontsPerPool) (maxWavefrontsPerPool)"
      )
    }
    found.integer("tileK", tileK, in: 4...256)
    if tileK % 4 != 0 { found.add("tileK", "expected a multiple of 4, found \(tileK)") }
    found.integer("broadcastRowLimit", broadcastRowLimit, in: 0...16)
    found.integer("targetWorkGroupsPerCU", targetWorkGroupsPerCU, in: 1...64)
    found.integer("ldsReadBatch", ldsReadBatch, in: 1...256)
    return found.problems
  }

  /// The SIMD widths that divide a 64-wide wavefront.
  static let laneCounts: Set<Int> = [1, 2, 4, 8, 16, 32, 64]
}

/// Collects configuration problems in declaration order.
struct ProblemList {
  var problems: [(key: String, message: String)] = []

  mutating func add(_ key: String, _ message: String) { problems.append((key, message)) }

  mutating func integer(_ key: String, _ value: Int, in range: ClosedRange<Int>) {
    if !range.contains(value) { add(key, "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(value)") }
  }

  mutating func timing(_ prefix: String, _ timing: FPUTiming) {
    integer(prefix + "LatencyCycles", timing.latencyCycles, in: 1...1024)
    integer(prefix + "IntervalCycles", timing.intervalCycles, in: 1...1024)
  }
}
