/// One Southern Islands compute unit running its share of a kernel's work-groups, cycle by
/// cycle, in the order of multi2sim's `ComputeUnit::Run` (docs/sources.md#multi2sim).
///
/// ```
///  each cycle:  0. map waiting work-groups into free slots (slot s → pool s mod 4)
///               1. units, back to front: SIMDs, vector memory, LDS, scalar, branch
///                  (each retires finished uops, then moves the others one stage on)
///               2. issue from fetch buffer (cycle mod 4): branch, scalar, SIMDs, vector
///                  memory, LDS — the oldest eligible uop for each, one per unit
///               3. fetch: every pool, its wavefronts in slot order, fetchWidth a cycle
/// ```
///
/// Fetch executes the instruction functionally (multi2sim's emulator runs at fetch): that is
/// when lane masks, CANNA hit draws and per-lane energy are decided. Readiness follows
/// multi2sim, with no register scoreboard (see `InstructionKind`).
struct ComputeUnit: Sendable {
  let config: GPUConfig
  let kernel: Kernel
  /// The work-groups mapped to this compute unit, in dispatch order.
  let workList: [Int32]
  /// Work-groups resident at once (occupancy, docs/sources.md#multi2sim).
  let workGroupsPerCU: Int
  var nextWork = 0
  var finishedWorkGroups = 0
  var residentWorkGroups = 0
  var wavefronts: WavefrontTable
  /// Wavefronts resident in each pool (fetch skips empty pools).
  var wavefrontsInPool: [Int]
  var groups: WorkGroupSlots
  /// Uops of each work-group slot between fetch and completion.
  var groupInflight: [Int32]
  var fetchBuffers: [UopQueue]
  var simds: [SIMDUnit]
  var scalarUnit: PipelineUnit
  var branchUnit: PipelineUnit
  var ldsUnit: LDSUnit
  var vectorMemory: VectorMemoryUnit
  var tally = ActivityTally()
  var nextAge: Int32 = 0
  /// The last cycle a work-group finished.
  var lastFinish: Int64 = -1
  /// Cycles no SIMD started a uop while a wavefront was held by `s_waitcnt`.
  var stallCycles = 0
  /// Wavefronts held by `s_waitcnt`.
  var waitingOnMemory = 0
  /// Uops in each unit class between issue and retirement (an idle unit is not run).
  var unitLoad = Array(repeating: 0, count: UnitClass.allCases.count)
  /// Counts every state change; a cycle that leaves it unchanged was idle.
  var activity = 0
  /// Whether idle cycles are jumped over (always, except in the test that checks it is exact).
  var skipsIdleCycles = true
  /// Every fetched instruction's timeline, when requested (tests, debugging).
  var trace: [TracedInstruction]?
  /// Multiply timing and draws, fixed per kernel.
  let multiply: MultiplyRule
  let blockShift: Int

  init(config: GPUConfig, kernel: Kernel, workList: [Int32], workGroupsPerCU: Int) {
    self.config = config
    self.kernel = kernel
    self.workList = workList
    self.workGroupsPerCU = workGroupsPerCU
    wavefronts = WavefrontTable(pools: config.wavefrontPools, slotsPerPool: config.maxWavefrontsPerPool)
    groups = WorkGroupSlots(count: workGroupsPerCU, wavefrontsPerWorkGroup: kernel.wavefrontsPerWorkGroup)
    groupInflight = Array(repeating: 0, count: workGroupsPerCU)
    wavefrontsInPool = Array(repeating: 0, count: config.wavefrontPools)
    fetchBuffers = Array(repeating: UopQueue(capacity: config.fetchBufferSize), count: config.wavefrontPools)
    simds = Array(repeating: SIMDUnit(config: config), count: config.wavefrontPools)
    scalarUnit = PipelineUnit(
      issueBufferSize: config.scalarIssueBufferSize, execBufferSize: config.scalarExecBufferSize,
      executeLatency: config.scalarALULatencyCycles, loadLatency: config.scalarLoadLatencyCycles)
    branchUnit = PipelineUnit(
      issueBufferSize: config.branchIssueBufferSize, execBufferSize: config.branchExecBufferSize,
      executeLatency: config.branchLatencyCycles, loadLatency: config.branchLatencyCycles)
    ldsUnit = LDSUnit(config: config)
    vectorMemory = VectorMemoryUnit(config: config)
    multiply = MultiplyRule(config: config, fpu: kernel.fpu)
    blockShift = config.blockBytes.trailingZeroBitCount
    if case .mantissa(let bits) = kernel.fpu.mode { tally.mantissaBits = bits }
  }

  /// Runs until every work-group of the work list has finished; returns the cycles taken.
  ///
  /// A cycle in which nothing moved leaves the state unchanged, so every following cycle is
  /// the same until some ready cycle, SIMD interval, LDS port or miss entry comes due (or the
  /// issuing pool comes round): the loop jumps straight there (`idleUntil`). This changes no
  /// result; `IdleSkippingTests` compares it with stepping every cycle.
  /// - Throws: `GPUSimulationError.deadlock` if nothing moves for a million cycles (a model
  ///   bug, never a property of the input).
  mutating func run() throws(GPUSimulationError) -> Int64 {
    guard !workList.isEmpty else { return 0 }
    var now: Int64 = 0
    var lastProgress: Int64 = 0
    while finishedWorkGroups < workList.count {
      let before = activity
      step(now: now)
      if activity != before {
        lastProgress = now
        now += 1
        continue
      }
      guard now - lastProgress <= 1_000_000 else { throw .deadlock(kernel: kernel.role.rawValue, cycle: now) }
      let next = skipsIdleCycles ? idleUntil(after: now) : now + 1
      if waitingOnMemory > 0 { stallCycles += Int(next - now - 1) }
      now = next
    }
    return lastFinish + 1
  }

  /// Simulates cycle `now`.
  mutating func step(now: Int64) {
    if nextWork < workList.count && residentWorkGroups < workGroupsPerCU { dispatch(now: now) }
    var simdStarted = false
    for index in simds.indices where !simds[index].isIdle {
      while let head = simds[index].execBuffer.first, head.readyCycle <= now {
        simds[index].execBuffer.removeFirst()
        retire(head, now: now)
      }
      if let started = simds[index].run(now: now, moves: &activity) {
        wavefronts.state[Int(started.wavefront)].insert(.readyNextCycle)
        simdStarted = true
        if started.traceIndex >= 0 { trace?[Int(started.traceIndex)].startCycle = now }
      }
    }
    if unitLoad[Int(UnitClass.vectorMemory.rawValue)] > 0 { runVectorMemory(now: now) }
    if unitLoad[Int(UnitClass.lds.rawValue)] > 0 { runLDS(now: now) }
    if unitLoad[Int(UnitClass.scalar.rawValue)] > 0 { runScalar(now: now) }
    if unitLoad[Int(UnitClass.branch.rawValue)] > 0 { runBranch(now: now) }
    issue(now: now)
    fetch(now: now)
    if !simdStarted && waitingOnMemory > 0 { stallCycles += 1 }
  }

  /// The first cycle after the idle cycle `now` at which anything can move.
  private func idleUntil(after now: Int64) -> Int64 {
    var next = Int64.max
    for index in simds.indices { next = min(next, simds[index].earliestEvent(after: now)) }
    next = min(next, scalarUnit.earliestEvent(after: now), branchUnit.earliestEvent(after: now))
    next = min(next, ldsUnit.earliestEvent(after: now), vectorMemory.earliestEvent(after: now))
    let pools = Int64(config.wavefrontPools)
    for pool in fetchBuffers.indices {
      for position in 0..<fetchBuffers[pool].count {
        let ready = max(fetchBuffers[pool][position].readyCycle, now + 1)
        let turn = ready + ((Int64(pool) - ready % pools) + pools) % pools
        next = min(next, turn)
      }
    }
    return next == Int64.max ? now + 1 : next
  }

  // MARK: Work-groups

  /// Maps waiting work-groups into free slots: slot s takes pool s mod pools and the pool's
  /// lowest free entries; the new wavefronts may fetch this cycle.
  mutating func dispatch(now: Int64) {
    while nextWork < workList.count, residentWorkGroups < workGroupsPerCU, let slot = groups.firstFree {
      let index = Int(workList[nextWork])
      nextWork += 1
      let at = kernel.coordinates(ofWorkGroup: index)
      let pool = slot % config.wavefrontPools
      groups.occupied[slot] = true
      groups.workGroup[slot] = Int32(index)
      groups.coordinates[slot] = at
      groups.finishedWavefronts[slot] = 0
      groups.waitingAtBarrier[slot] = 0
      groupInflight[slot] = 0
      residentWorkGroups += 1
      wavefrontsInPool[pool] += kernel.wavefrontsPerWorkGroup
      activity += 1
      let iterations = kernel.iterations(inSlice: Int(at.slice))
      var entry = 0
      for wave in 0..<kernel.wavefrontsPerWorkGroup {
        while wavefronts.state[pool * wavefronts.slotsPerPool + entry].contains(.occupied) { entry += 1 }
        let wavefrontSlot = pool * wavefronts.slotsPerPool + entry
        // Computed before `wavefronts` is mutated, so the call needs no copy of the unit.
        let mask = computeMask(wave: wave, at: at)
        wavefronts.start(
          slot: wavefrontSlot, workGroupSlot: slot, index: wave, age: nextAge, iterations: iterations, computeLanes: mask)
        nextAge += 1
        groups.wavefrontSlots[slot * groups.wavefrontsPerWorkGroup + wave] = Int16(wavefrontSlot)
      }
    }
  }

  private func computeMask(wave: Int, at: WorkGroupCoordinates) -> UInt64 {
    var mask: UInt64 = 0
    for lane in 0..<GPUConfig.wavefrontSize
    where kernel.layout.ownsOutput(
      thread: wave * GPUConfig.wavefrontSize + lane, rowTile: Int(at.rowTile), columnTile: Int(at.columnTile))
    {
      mask |= 1 << UInt64(lane)
    }
    return mask
  }

  /// A uop has left the pipeline: the work-group unmaps once all its wavefronts have ended
  /// and none of its uops is still in flight.
  mutating func retire(_ uop: Uop, now: Int64) {
    if uop.traceIndex >= 0 { trace?[Int(uop.traceIndex)].retireCycle = now }
    activity += 1
    unitLoad[Int(uop.kind.unit.rawValue)] -= 1
    let group = Int(wavefronts.workGroupSlot[Int(uop.wavefront)])
    groupInflight[group] -= 1
    unmapIfDone(group: group, now: now)
  }

  private mutating func unmapIfDone(group: Int, now: Int64) {
    guard groups.occupied[group], Int(groups.finishedWavefronts[group]) == groups.wavefrontsPerWorkGroup,
      groupInflight[group] == 0
    else { return }
    for wave in 0..<groups.wavefrontsPerWorkGroup {
      let slot = Int(groups.wavefrontSlots[group * groups.wavefrontsPerWorkGroup + wave])
      wavefronts.state[slot].remove(.occupied)
    }
    groups.occupied[group] = false
    wavefrontsInPool[group % config.wavefrontPools] -= groups.wavefrontsPerWorkGroup
    residentWorkGroups -= 1
    finishedWorkGroups += 1
    lastFinish = now
  }

  // MARK: Units

  private mutating func runVectorMemory(now: Int64) {
    while let head = vectorMemory.writeBuffer.first, head.readyCycle <= now {
      vectorMemory.writeBuffer.removeFirst()
      wavefronts.vmCount[Int(head.wavefront)] -= 1
      retire(head, now: now)
    }
    vectorMemory.advanceBack(now: now, moves: &activity)
    if let uop = vectorMemory.takeForMemoryStage(now: now) {
      activity += 1
      let instruction = kernel.program[Int(uop.instruction)]
      let slot = Int(uop.wavefront)
      let group = Int(wavefronts.workGroupSlot[slot])
      _ = kernel.accesses[Int(instruction.access)].collectBlocks(
        wavefront: Int(wavefronts.indexInWorkGroup[slot]), mask: wavefronts.lanes(instruction.lanes, slot: slot),
        at: groups.coordinates[group], iteration: uop.iteration, blockShift: blockShift, into: &vectorMemory.blocks)
      vectorMemory.begin(uop, isStore: uop.kind == .vectorStore, now: now)
    }
    vectorMemory.advanceFront(now: now, tally: &tally, moves: &activity)
  }

  private mutating func runLDS(now: Int64) {
    while let head = ldsUnit.writeBuffer.first, head.readyCycle <= now {
      ldsUnit.writeBuffer.removeFirst()
      wavefronts.lgkmCount[Int(head.wavefront)] -= 1
      retire(head, now: now)
    }
    let written = ldsUnit.advance(now: now, moves: &activity)
    if written >= 0 { wavefronts.state[Int(written)].insert(.ready) }
  }

  private mutating func runScalar(now: Int64) {
    while let head = scalarUnit.writeBuffer.first, head.readyCycle <= now {
      let slot = Int(head.wavefront)
      // multi2sim: the last instruction completes only once no memory access is outstanding.
      if head.kind == .endProgram && !wavefronts.countersAreZero(slot) { break }
      scalarUnit.writeBuffer.removeFirst()
      switch head.kind {
      case .scalarLoad:
        wavefronts.lgkmCount[slot] -= 1
      case .waitCount:
        wavefronts.state[slot].insert(.ready)
        wavefronts.state[slot].insert(.memoryWait)
        waitingOnMemory += 1
      case .barrier:
        wavefronts.state[slot].insert(.ready)
        arriveAtBarrier(slot: slot)
      case .endProgram:
        let group = Int(wavefronts.workGroupSlot[slot])
        groups.finishedWavefronts[group] += 1
      default:
        wavefronts.state[slot].insert(.ready)
      }
      retire(head, now: now)
    }
    scalarUnit.advance(now: now, moves: &activity)
  }

  private mutating func runBranch(now: Int64) {
    while let head = branchUnit.writeBuffer.first, head.readyCycle <= now {
      branchUnit.writeBuffer.removeFirst()
      wavefronts.state[Int(head.wavefront)].insert(.ready)
      retire(head, now: now)
    }
    branchUnit.advance(now: now, moves: &activity)
  }

  /// `s_barrier` completed for wavefront `slot`: it waits until every wavefront of its
  /// work-group has arrived, then all continue.
  private mutating func arriveAtBarrier(slot: Int) {
    let group = Int(wavefronts.workGroupSlot[slot])
    wavefronts.state[slot].insert(.atBarrier)
    groups.waitingAtBarrier[group] += 1
    guard Int(groups.waitingAtBarrier[group]) == groups.wavefrontsPerWorkGroup else { return }
    groups.waitingAtBarrier[group] = 0
    for wave in 0..<groups.wavefrontsPerWorkGroup {
      wavefronts.state[Int(groups.wavefrontSlots[group * groups.wavefrontsPerWorkGroup + wave])].remove(.atBarrier)
    }
  }
}
