/// The LDS unit of a compute unit (docs/sources.md#multi2sim).
///
/// ```
///  issue ─► decode (1) ─► read (1) ─► memory ─► write (1) ─► complete
///                                     │ the local-memory module serves ldsBytesPerCycle
///                                     │ (2 ports × 64 B); an access of b bytes holds it
///                                     │ ceil(b / ldsBytesPerCycle) cycles, data after
///                                     └ ldsLatency more
/// ```
///
/// The wavefront becomes ready when its uop enters the write stage; `lgkm_cnt` drops when the
/// uop completes. Bank conflicts are not modelled (multi2sim does not model them either).
struct LDSUnit: Sendable {
  var issueBuffer: UopQueue
  var decodeBuffer = UopQueue(capacity: 1)
  var readBuffer = UopQueue(capacity: 1)
  var memoryBuffer: UopQueue
  var writeBuffer = UopQueue(capacity: 1)
  /// The first cycle the local-memory module is free.
  var portFree: Int64 = 0
  let latency: Int64
  let bytesPerCycle: Int

  init(config: GPUConfig) {
    issueBuffer = UopQueue(capacity: config.ldsIssueBufferSize)
    memoryBuffer = UopQueue(capacity: config.ldsMaxInflight)
    latency = Int64(config.ldsLatencyCycles)
    bytesPerCycle = config.ldsBytesPerCycle
  }

  var canIssue: Bool { !issueBuffer.isFull }

  var isIdle: Bool {
    issueBuffer.isEmpty && decodeBuffer.isEmpty && readBuffer.isEmpty && memoryBuffer.isEmpty && writeBuffer.isEmpty
  }

  /// Moves uops one stage forward for cycle `now` (after the compute unit has retired the
  /// completed ones from `writeBuffer`); returns the wavefront slot that entered the write
  /// stage (it becomes ready now), or -1.
  mutating func advance(now: Int64, moves: inout Int) -> Int32 {
    var written: Int32 = -1
    if let uop = memoryBuffer.advanceHead(into: &writeBuffer, now: now, delay: 1, moves: &moves) { written = uop.wavefront }
    if let head = readBuffer.first, head.readyCycle <= now, !memoryBuffer.isFull, portFree <= now {
      var uop = readBuffer.removeFirst()
      let bytes = Int(uop.bytes)
      let occupancy = Int64(max(1, (bytes + bytesPerCycle - 1) / bytesPerCycle))
      portFree = now + occupancy
      uop.readyCycle = now + occupancy - 1 + latency
      memoryBuffer.append(uop)
      moves += 1
    }
    decodeBuffer.advanceHead(into: &readBuffer, now: now, delay: 1, moves: &moves)
    issueBuffer.advanceHead(into: &decodeBuffer, now: now, delay: 1, moves: &moves)
    return written
  }

  /// The earliest cycle after `now` at which the unit could move a uop on its own.
  @inline(__always)
  func earliestEvent(after now: Int64) -> Int64 {
    var next = min(
      issueBuffer.headReadyCycle, decodeBuffer.headReadyCycle, memoryBuffer.headReadyCycle, writeBuffer.headReadyCycle)
    if let head = readBuffer.first { next = min(next, max(head.readyCycle, portFree)) }
    return max(next, now + 1)
  }
}
