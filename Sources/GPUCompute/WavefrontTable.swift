/// The wavefront-pool entries of one compute unit, struct-of-arrays: slot
/// `pool · slotsPerPool + entry` holds entry `entry` of pool `pool` (multi2sim's
/// `WavefrontPoolEntry`).
///
/// ```
///  pool 0: [slot 0][slot 1] … [slot 9]     fetch visits a pool's entries in slot order
///  pool 1: [slot 10] …                     a work-group's wavefronts all sit in one pool
/// ```
struct WavefrontTable: Sendable {
  let slotsPerPool: Int
  /// Occupancy, readiness and wait flags, one byte per slot so fetch reads one value.
  var state: [WavefrontFlags]
  /// The work-group slot the wavefront belongs to.
  var workGroupSlot: [Int16]
  /// The wavefront's index in its work-group.
  var indexInWorkGroup: [Int16]
  /// Age for oldest-first issue (multi2sim's wavefront id): smaller is older.
  var age: [Int32]
  /// The next instruction to fetch.
  var pc: [Int32]
  /// The loop iteration of `pc`.
  var iteration: [Int32]
  /// Loop iterations the wavefront's work-group runs.
  var iterations: [Int32]
  /// Outstanding LDS and SMRD operations (`lgkm_cnt`).
  var lgkmCount: [Int32]
  /// Outstanding vector-memory operations (`vm_cnt`).
  var vmCount: [Int32]
  /// Lanes of the wavefront that hold work-items.
  var allLanes: [UInt64]
  /// Lanes whose work-items own output elements.
  var computeLanes: [UInt64]

  init(pools: Int, slotsPerPool: Int) {
    self.slotsPerPool = slotsPerPool
    let count = pools * slotsPerPool
    // Eight spare entries let `fetchCandidates` read a pool's flags eight bytes at a time.
    state = Array(repeating: .none, count: count + 8)
    workGroupSlot = Array(repeating: -1, count: count)
    indexInWorkGroup = Array(repeating: 0, count: count)
    age = Array(repeating: 0, count: count)
    pc = Array(repeating: 0, count: count)
    iteration = Array(repeating: 0, count: count)
    iterations = Array(repeating: 0, count: count)
    lgkmCount = Array(repeating: 0, count: count)
    vmCount = Array(repeating: 0, count: count)
    allLanes = Array(repeating: 0, count: count)
    computeLanes = Array(repeating: 0, count: count)
  }

  /// Places a fresh wavefront in `slot`.
  mutating func start(
    slot: Int, workGroupSlot group: Int, index: Int, age wavefrontAge: Int32, iterations count: Int, computeLanes mask: UInt64
  ) {
    state[slot] = WavefrontFlags.occupied.union(.ready)
    workGroupSlot[slot] = Int16(group)
    indexInWorkGroup[slot] = Int16(index)
    age[slot] = wavefrontAge
    pc[slot] = 0
    iteration[slot] = 0
    iterations[slot] = Int32(count)
    lgkmCount[slot] = 0
    vmCount[slot] = 0
    allLanes[slot] = UInt64.max
    computeLanes[slot] = mask
  }

  /// The entries of `pool` (bit e for entry e) that hold a wavefront which is ready or ready
  /// next cycle: the only ones fetch can act on.
  @inline(__always)
  func fetchCandidates(pool: Int) -> UInt64 {
    state.withUnsafeBytes { flags in
      // Per flag byte: bit 0 = occupied, bits 1 and 2 = ready, ready next cycle. A byte's low
      // bit in `hits` says the entry is a candidate; entries past the pool are masked off.
      var bits: UInt64 = 0
      let base = pool * slotsPerPool
      var entry = 0
      while entry < slotsPerPool {
        let word = flags.loadUnaligned(fromByteOffset: base + entry, as: UInt64.self)
        var hits = word & ((word >> 1) | (word >> 2)) & 0x0101_0101_0101_0101
        let remaining = slotsPerPool - entry
        if remaining < 8 { hits &= (1 << UInt64(8 * remaining)) - 1 }
        while hits != 0 {
          bits |= 1 << UInt64(entry + hits.trailingZeroBitCount >> 3)
          hits &= hits &- 1
        }
        entry += 8
      }
      return bits
    }
  }

  /// Whether the wavefront has no memory operation outstanding.
  func countersAreZero(_ slot: Int) -> Bool { lgkmCount[slot] == 0 && vmCount[slot] == 0 }

  /// The lanes an instruction with `selector` runs on in wavefront `slot`.
  @inline(__always)
  func lanes(_ selector: LaneSelector, slot: Int) -> UInt64 {
    switch selector {
    case .all: return allLanes[slot]
    case .compute: return computeLanes[slot]
    case .threadsBelow(let bound):
      let first = Int(indexInWorkGroup[slot]) * GPUConfig.wavefrontSize
      let below = Int(bound) - first
      if below <= 0 { return 0 }
      if below >= 64 { return allLanes[slot] }
      return allLanes[slot] & ((1 << UInt64(below)) - 1)
    }
  }
}
