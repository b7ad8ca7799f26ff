extension ComputeUnit {
  /// The fetch stage (multi2sim's `ComputeUnit::Fetch`).
  ///
  /// Every pool, its wavefronts in slot order:
  /// - a wavefront marked ready-next-cycle becomes ready and is skipped this cycle;
  /// - at most `fetchWidth` instructions per pool;
  /// - skipped unless ready, not past `s_endpgm`, not held by `s_waitcnt` with an outstanding
  ///   counter (a held wavefront whose counters reached 0 is released and may fetch), not at
  ///   a barrier, and the pool's fetch buffer has room.
  mutating func fetch(now: Int64) {
    let perPool = wavefronts.slotsPerPool
    for pool in 0..<config.wavefrontPools where wavefrontsInPool[pool] > 0 {
      var fetched = 0
      // Only occupied entries that are ready or ready next cycle can change here; one pass over
      // the flag bytes finds them (visiting an entry changes no other entry's flags).
      var candidates = wavefronts.fetchCandidates(pool: pool)
      while candidates != 0 {
        let entry = candidates.trailingZeroBitCount
        candidates &= candidates &- 1
        let slot = pool * perPool + entry
        let flags = wavefronts.state[slot]
        if flags.contains(.readyNextCycle) {
          wavefronts.state[slot] = flags.subtracting(.readyNextCycle).union(.ready)
          activity += 1
          continue
        }
        guard fetched < config.fetchWidth, flags.contains(.ready), !flags.contains(.fetchedLast) else { continue }
        if flags.contains(.memoryWait) {
          guard wavefronts.countersAreZero(slot) else { continue }
          wavefronts.state[slot].remove(.memoryWait)
          waitingOnMemory -= 1
          activity += 1
        }
        guard !flags.contains(.atBarrier), !fetchBuffers[pool].isFull else { continue }
        fetchInstruction(slot: slot, pool: pool, now: now)
        fetched += 1
      }
    }
  }

  /// Fetches and functionally executes the next instruction of wavefront `slot`.
  private mutating func fetchInstruction(slot: Int, pool: Int, now: Int64) {
    let pc = Int(wavefronts.pc[slot])
    let iteration = wavefronts.iteration[slot]
    let instruction = kernel.program[pc]
    var uop = Uop(
      wavefront: Int32(slot), age: wavefronts.age[slot], instruction: Int32(pc), iteration: iteration,
      readyCycle: now + Int64(config.fetchLatencyCycles), kind: instruction.kind,
      latency: Int32(config.valuTiming.latencyCycles), interval: Int32(config.valuTiming.intervalCycles),
      activeLanes: 0, bytes: 0, traceIndex: -1)
    execute(instruction, uop: &uop, slot: slot)
    if trace != nil {
      uop.traceIndex = Int32(trace?.count ?? 0)
      trace?.append(
        TracedInstruction(
          wavefront: Int(wavefronts.age[slot]), opcode: instruction.opcode, programCounter: pc, iteration: Int(iteration),
          fetchCycle: now, latency: Int(uop.latency), interval: Int(uop.interval)))
    }
    fetchBuffers[pool].append(uop)
    activity += 1
    wavefronts.state[slot].remove(.ready)
    groupInflight[Int(wavefronts.workGroupSlot[slot])] += 1
    if instruction.kind == .endProgram { wavefronts.state[slot].insert(.fetchedLast) }
    advanceProgramCounter(slot: slot)
  }

  private mutating func advanceProgramCounter(slot: Int) {
    var next = Int(wavefronts.pc[slot]) + 1
    if next == kernel.loopEnd && wavefronts.iteration[slot] + 1 < wavefronts.iterations[slot] {
      next = kernel.loopStart
      wavefronts.iteration[slot] += 1
    }
    if next == kernel.loopStart && wavefronts.iterations[slot] == 0 { next = kernel.loopEnd }
    wavefronts.pc[slot] = Int32(min(next, kernel.program.count - 1))
  }

  /// The functional side of fetch: lane masks, CANNA draws, the multiply's timing and the
  /// per-lane energy counts.
  private mutating func execute(_ instruction: Instruction, uop: inout Uop, slot: Int) {
    tally.add(.fetch, 1)
    let opcode = instruction.opcode
    switch instruction.kind {
    case .scalarALU, .waitCount, .barrier, .endProgram:
      tally.add(.scalarOperation, 1)
      return
    case .scalarLoad:
      tally.add(.scalarLoad, 1)
      return
    case .branch:
      tally.add(.branch, 1)
      return
    default: break
    }
    let mask = wavefronts.lanes(instruction.lanes, slot: slot)
    let lanes = mask.nonzeroBitCount
    uop.activeLanes = Int32(lanes)
    // Lanes reading the same LDS address share one access (broadcast).
    let accessedLanes = instruction.ldsAddresses > 0 ? min(lanes, Int(instruction.ldsAddresses)) : lanes
    uop.bytes = Int32(accessedLanes * opcode.bytesPerLane)
    tally.add(.registerRead, lanes * opcode.registerReads)
    tally.add(.registerWrite, lanes * opcode.registerWrites)
    switch instruction.kind {
    case .vectorALU:
      if opcode.floatAdds > 0 { tally.add(.floatAdd, lanes * opcode.floatAdds) } else { tally.add(.laneOperation, lanes) }
    case .vectorMultiply:
      tally.add(.floatAdd, lanes * opcode.floatAdds)
      let timing = multiplyTiming(instruction, mask: mask, lanes: lanes, slot: slot, iteration: uop.iteration)
      uop.latency = Int32(timing.latencyCycles)
      uop.interval = Int32(timing.intervalCycles)
    case .ldsRead: tally.add(.ldsRead, accessedLanes * opcode.bytesPerLane / 4)
    case .ldsWrite: tally.add(.ldsWrite, lanes * opcode.bytesPerLane / 4)
    default: break
    }
  }

  /// Counts the lanes' products by mode and returns the instruction's timing.
  private mutating func multiplyTiming(
    _ instruction: Instruction, mask: UInt64, lanes: Int, slot: Int, iteration: Int32
  ) -> FPUTiming {
    switch multiply.mode {
    case .exact:
      tally.add(.multiplyExact, lanes)
      return multiply.exactTiming
    case .mantissa:
      tally.add(.multiplyMantissa, lanes)
      return multiply.mantissaTiming
    case .canna:
      let hits = countHits(instruction, mask: mask, lanes: lanes, slot: slot, iteration: iteration)
      tally.add(.multiplyCannaHit, hits)
      tally.add(.multiplyCannaMiss, lanes - hits)
      return multiply.cannaTiming(hits: hits, lanes: lanes)
    }
  }

  /// How many active lanes' tested operands pass CANNA's check.
  private func countHits(_ instruction: Instruction, mask: UInt64, lanes: Int, slot: Int, iteration: Int32) -> Int {
    guard lanes > 0, instruction.tested >= 0 else { return lanes }
    if multiply.threshold == UInt64.max { return lanes }
    let pattern = kernel.testedOperands[Int(instruction.tested)]
    let at = groups.coordinates[Int(wavefronts.workGroupSlot[slot])]
    let firstThread = Int(wavefronts.indexInWorkGroup[slot]) * GPUConfig.wavefrontSize
    func hit(thread: Int) -> Bool {
      guard
        let element = pattern.element(
          thread: thread, at: at, iteration: iteration, rowOffset: instruction.testedRowOffset,
          columnOffset: instruction.testedColumnOffset)
      else { return true }
      return FPUDraws.hits(seed: multiply.seed, salt: pattern.salt, element: element, threshold: multiply.threshold)
    }
    if pattern.isLaneUniform { return hit(thread: firstThread) ? lanes : 0 }
    var hits = 0
    var remaining = mask
    while remaining != 0 {
      let lane = remaining.trailingZeroBitCount
      remaining &= remaining &- 1
      if hit(thread: firstThread + lane) { hits += 1 }
    }
    return hits
  }
}
