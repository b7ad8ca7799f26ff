/// A compute unit's vector L1 cache: tags of 64-byte blocks, least-recently-used
/// replacement, write-through without allocation (docs/sources.md#multi2sim).
///
/// ```
///  lookup(block) ─ tag present ─► hit: data at max(now + latency, the block's fill cycle)
///                └ absent ──────► miss: the caller fetches it and inserts the tag
/// ```
///
/// [assumption] The cache is fully associative over its 256 blocks; multi2sim's 64 sets × 4
/// ways are not modelled. A compute unit's hits and misses then depend only on which of its
/// accesses touch the same block, not on where buffers sit in memory, which is what makes
/// identical compute units provably identical (docs/gpu.md). A block still being filled
/// counts as a hit (multi2sim merges same-block misses in the MSHRs).
struct VectorCache: Sendable {
  private var tags: [UInt64]
  private var fillCycle: [Int64]
  /// Recency list: `older[e]` and `newer[e]` link entry e; `oldest` is the LRU victim.
  private var older: [Int32]
  private var newer: [Int32]
  private var oldest: Int32 = -1
  private var newest: Int32 = -1
  /// Open-addressing index from block to entry (-1: empty), twice the capacity rounded up to
  /// a power of two, so a lookup is a hash and a probe or two instead of a scan.
  private var index: [Int32]
  private let indexMask: Int
  private var used = 0
  let capacity: Int

  init(blocks: Int) {
    capacity = max(1, blocks)
    tags = Array(repeating: UInt64.max, count: capacity)
    fillCycle = Array(repeating: 0, count: capacity)
    older = Array(repeating: -1, count: capacity)
    newer = Array(repeating: -1, count: capacity)
    var size = 1
    while size < 2 * capacity { size <<= 1 }
    index = Array(repeating: -1, count: size)
    indexMask = size - 1
  }

  /// The fill cycle of `block` if it is cached (and marks it most recently used), else nil.
  mutating func lookup(_ block: UInt64) -> Int64? {
    guard let entry = find(block) else { return nil }
    unlink(entry)
    linkAsNewest(entry)
    return fillCycle[entry]
  }

  /// Caches `block`, filled at `cycle`, evicting the least recently used block when full.
  mutating func insert(_ block: UInt64, filledAt cycle: Int64) {
    let entry: Int
    if used < capacity {
      entry = used
      used += 1
    } else {
      entry = Int(oldest)
      removeFromIndex(tags[entry])
      unlink(entry)
    }
    tags[entry] = block
    fillCycle[entry] = cycle
    linkAsNewest(entry)
    var slot = home(block)
    while index[slot] >= 0 { slot = (slot + 1) & indexMask }
    index[slot] = Int32(entry)
  }

  private mutating func unlink(_ entry: Int) {
    let before = older[entry]
    let after = newer[entry]
    if before >= 0 { newer[Int(before)] = after } else { oldest = after }
    if after >= 0 { older[Int(after)] = before } else { newest = before }
    older[entry] = -1
    newer[entry] = -1
  }

  private mutating func linkAsNewest(_ entry: Int) {
    older[entry] = newest
    newer[entry] = -1
    if newest >= 0 { newer[Int(newest)] = Int32(entry) } else { oldest = Int32(entry) }
    newest = Int32(entry)
  }

  @inline(__always)
  private func home(_ block: UInt64) -> Int {
    Int(truncatingIfNeeded: (block &* 0x9E37_79B9_7F4A_7C15) >> 32) & indexMask
  }

  private func find(_ block: UInt64) -> Int? {
    var slot = home(block)
    while true {
      let entry = Int(index[slot])
      if entry < 0 { return nil }
      if tags[entry] == block { return entry }
      slot = (slot + 1) & indexMask
    }
  }

  /// Deletes `block` from the index, shifting later members of its probe run back so that
  /// every lookup still finds its block before an empty slot.
  private mutating func removeFromIndex(_ block: UInt64) {
    var slot = home(block)
    while index[slot] >= 0 && tags[Int(index[slot])] != block { slot = (slot + 1) & indexMask }
    guard index[slot] >= 0 else { return }
    var hole = slot
    var next = (hole + 1) & indexMask
    while index[next] >= 0 {
      let wanted = home(tags[Int(index[next])])
      // Move the entry into the hole unless its home lies cyclically in (hole, next].
      let between = hole <= next ? (wanted > hole && wanted <= next) : (wanted > hole || wanted <= next)
      if !between {
        index[hole] = index[next]
        hole = next
      }
      next = (next + 1) & indexMask
    }
    index[hole] = -1
  }
}
