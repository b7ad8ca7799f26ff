/// The vector memory unit of a compute unit with its L1 cache and memory-channel slice
/// (docs/sources.md#multi2sim).
///
/// ```
///  issue ─► decode (1) ─► read (1) ─► memory: the blocks the uop's lanes touch, ─► in flight ─► write (1) ─► complete
///                                     l1LookupsPerCycle a cycle                  (in order)
///       load block:  L1 hit ──────────────────────────────► data after l1Latency
///                    L1 miss (needs a free miss entry) ─► channel slice ─► L2 + DRAM latency ─► fill
///       store block: write through the L1 ─► channel slice ─► acknowledged after the L2 latency
/// ```
///
/// Lanes coalesce into 64-byte blocks (multi2sim's cache merges same-block accesses). A uop
/// that cannot get a miss entry retries the rest of its blocks the next cycle. The L2 has no
/// tags here [assumption]: every L1 miss reads DRAM. `vm_cnt` drops when the uop completes.
struct VectorMemoryUnit: Sendable {
  var issueBuffer: UopQueue
  var decodeBuffer = UopQueue(capacity: 1)
  var readBuffer = UopQueue(capacity: 1)
  var inflight: UopQueue
  var writeBuffer = UopQueue(capacity: 1)
  var cache: VectorCache
  var channel: MemoryChannel
  /// The uop whose blocks are being looked up, with its blocks and progress.
  var current: Uop?
  var currentIsStore = false
  var blocks: [UInt64] = []
  var nextBlock = 0
  var currentReady: Int64 = 0
  /// Fill cycles of outstanding misses (the MSHRs).
  var pendingMisses: [Int64] = []
  let missEntries: Int
  let lookupsPerCycle: Int
  let l1Latency: Int64
  let readLatency: Int64
  let storeLatency: Int64

  init(config: GPUConfig) {
    issueBuffer = UopQueue(capacity: config.vectorMemoryIssueBufferSize)
    inflight = UopQueue(capacity: config.vectorMemoryMaxInflight)
    cache = VectorCache(blocks: config.l1Bytes / config.blockBytes)
    channel = MemoryChannel(config: config)
    missEntries = config.l1MissEntries
    lookupsPerCycle = config.l1LookupsPerCycle
    l1Latency = Int64(config.l1LatencyCycles)
    readLatency = Int64(config.l2LatencyCycles + config.dramLatencyCycles)
    storeLatency = Int64(config.l2LatencyCycles)
    blocks.reserveCapacity(64)
    pendingMisses.reserveCapacity(config.l1MissEntries)
  }

  var canIssue: Bool { !issueBuffer.isFull }

  var isIdle: Bool {
    issueBuffer.isEmpty && decodeBuffer.isEmpty && readBuffer.isEmpty && current == nil && inflight.isEmpty
      && writeBuffer.isEmpty
  }

  /// Moves the oldest finished in-flight uop into the write stage (after the compute unit has
  /// retired completed ones from `writeBuffer`).
  mutating func advanceBack(now: Int64, moves: inout Int) {
    inflight.advanceHead(into: &writeBuffer, now: now, delay: 1, moves: &moves)
  }

  /// The uop that enters the memory stage this cycle, removed from the read stage, if one
  /// can; the caller fills `blocks` and calls `begin`.
  mutating func takeForMemoryStage(now: Int64) -> Uop? {
    guard current == nil, let head = readBuffer.first, head.readyCycle <= now, !inflight.isFull else { return nil }
    return readBuffer.removeFirst()
  }

  /// Starts looking up `blocks` for `uop`.
  mutating func begin(_ uop: Uop, isStore: Bool, now: Int64) {
    current = uop
    currentIsStore = isStore
    nextBlock = 0
    currentReady = now + l1Latency
  }

  /// Looks up this cycle's blocks, then moves the front stages forward.
  mutating func advanceFront(now: Int64, tally: inout ActivityTally, moves: inout Int) {
    if current != nil { lookUpBlocks(now: now, tally: &tally, moves: &moves) }
    decodeBuffer.advanceHead(into: &readBuffer, now: now, delay: 1, moves: &moves)
    issueBuffer.advanceHead(into: &decodeBuffer, now: now, delay: 1, moves: &moves)
  }

  private mutating func lookUpBlocks(now: Int64, tally: inout ActivityTally, moves: inout Int) {
    var lookups = 0
    while lookups < lookupsPerCycle, nextBlock < blocks.count {
      let block = blocks[nextBlock]
      if currentIsStore {
        if cache.lookup(block) != nil { tally.add(.l1Write, 1) }
        let done = channel.transfer(now: now) + storeLatency
        tally.add(.l2Access, 1)
        tally.add(.dramWrite, 1)
        currentReady = max(currentReady, done)
      } else if let filled = cache.lookup(block) {
        tally.add(.l1Hit, 1)
        currentReady = max(currentReady, max(now + l1Latency, filled))
      } else {
        pendingMisses.removeAll { $0 <= now }
        guard pendingMisses.count < missEntries else { break }
        let filled = channel.transfer(now: now) + readLatency
        pendingMisses.append(filled)
        cache.insert(block, filledAt: filled)
        tally.add(.l1Miss, 1)
        tally.add(.l2Access, 1)
        tally.add(.dramRead, 1)
        currentReady = max(currentReady, filled)
      }
      nextBlock += 1
      lookups += 1
      moves += 1
    }
    if nextBlock >= blocks.count, var uop = current {
      uop.readyCycle = currentReady
      inflight.append(uop)
      current = nil
      moves += 1
    }
  }

  /// The earliest cycle after `now` at which the unit could move a uop on its own: a stage's
  /// head becoming ready, or a miss entry freeing up for a blocked lookup.
  @inline(__always)
  func earliestEvent(after now: Int64) -> Int64 {
    var next = min(
      issueBuffer.headReadyCycle, decodeBuffer.headReadyCycle, readBuffer.headReadyCycle, inflight.headReadyCycle,
      writeBuffer.headReadyCycle)
    if current != nil {
      var freed = Int64.max
      for fill in pendingMisses where fill > now { freed = min(freed, fill) }
      next = min(next, freed == Int64.max ? now + 1 : freed)
    }
    return max(next, now + 1)
  }
}
