extension ComputeUnit {
  /// The issue stage (multi2sim's `ComputeUnit::Issue`): only the fetch buffer of pool
  /// `cycle mod pools` issues.
  ///
  /// Units are served in the order branch, scalar, SIMDs, vector
  /// memory, LDS; each takes up to `maxIssuedPerUnit` uops, each time the oldest (smallest
  /// wavefront age) whose fetch has completed, if its issue buffer has room. With `anySIMD`
  /// the SIMDs are tried starting at SIMD `cycle mod pools`; with `ownSIMD` only that SIMD.
  mutating func issue(now: Int64) {
    let pool = Int(now % Int64(config.wavefrontPools))
    guard !fetchBuffers[pool].isEmpty else { return }
    // One pass finds the unit classes with a uop ready to issue; the others are skipped.
    var ready: UInt8 = 0
    for position in 0..<fetchBuffers[pool].count {
      let uop = fetchBuffers[pool][position]
      if uop.readyCycle <= now { ready |= 1 << uop.kind.unit.rawValue }
    }
    guard ready != 0 else { return }
    func has(_ unit: UnitClass) -> Bool { ready & (1 << unit.rawValue) != 0 }
    for _ in 0..<config.maxIssuedPerUnit where has(.branch) {
      guard branchUnit.canIssue, let index = oldest(.branch, pool: pool, now: now) else { break }
      let uop = take(index, pool: pool, now: now)
      branchUnit.issueBuffer.append(uop)
    }
    for _ in 0..<config.maxIssuedPerUnit where has(.scalar) {
      guard scalarUnit.canIssue, let index = oldest(.scalar, pool: pool, now: now) else { break }
      let uop = take(index, pool: pool, now: now)
      scalarUnit.issueBuffer.append(uop)
    }
    let simdCount = config.simdBinding == .anySIMD ? config.wavefrontPools : 1
    for offset in 0..<simdCount where has(.simd) {
      let simd = (pool + offset) % config.wavefrontPools
      for _ in 0..<config.maxIssuedPerUnit {
        guard simds[simd].canIssue, let index = oldest(.simd, pool: pool, now: now) else { break }
        let uop = take(index, pool: pool, now: now)
        simds[simd].issueBuffer.append(uop)
      }
    }
    for _ in 0..<config.maxIssuedPerUnit where has(.vectorMemory) {
      guard vectorMemory.canIssue, let index = oldest(.vectorMemory, pool: pool, now: now) else { break }
      let uop = take(index, pool: pool, now: now)
      vectorMemory.issueBuffer.append(uop)
    }
    for _ in 0..<config.maxIssuedPerUnit where has(.lds) {
      guard ldsUnit.canIssue, let index = oldest(.lds, pool: pool, now: now) else { break }
      let uop = take(index, pool: pool, now: now)
      ldsUnit.issueBuffer.append(uop)
    }
  }

  /// The position in `pool`'s fetch buffer of the oldest uop for `unit` whose fetch is done.
  private func oldest(_ unit: UnitClass, pool: Int, now: Int64) -> Int? {
    var best: Int?
    var bestAge = Int32.max
    for position in 0..<fetchBuffers[pool].count {
      let uop = fetchBuffers[pool][position]
      if uop.kind.unit == unit && uop.readyCycle <= now && uop.age < bestAge {
        best = position
        bestAge = uop.age
      }
    }
    return best
  }

  /// Removes the uop from the fetch buffer and applies the issue-time readiness rules: SMRD
  /// and vector-memory uops let their wavefront fetch again next cycle and raise a counter;
  /// LDS uops raise `lgkm_cnt`.
  private mutating func take(_ position: Int, pool: Int, now: Int64) -> Uop {
    var uop = fetchBuffers[pool].remove(at: position)
    activity += 1
    unitLoad[Int(uop.kind.unit.rawValue)] += 1
    uop.readyCycle = now + Int64(config.issueLatencyCycles)
    if uop.traceIndex >= 0 { trace?[Int(uop.traceIndex)].issueCycle = now }
    let slot = Int(uop.wavefront)
    switch uop.kind {
    case .scalarLoad:
      wavefronts.state[slot].insert(.readyNextCycle)
      wavefronts.lgkmCount[slot] += 1
    case .vectorLoad, .vectorStore:
      wavefronts.state[slot].insert(.readyNextCycle)
      wavefronts.vmCount[slot] += 1
    case .ldsRead, .ldsWrite:
      wavefronts.lgkmCount[slot] += 1
    default: break
    }
    return uop
  }
}
