/// The scalar or the branch unit: issue buffer → decode → read → execute → write → complete,
/// one uop per stage per cycle (multi2sim's `ScalarUnit` and `BranchUnit`).
///
/// ```
///  issue ─► decode (1) ─► read (1) ─► execute (ALU 4, SMRD load, branch 16) ─► write (1) ─► complete
/// ```
///
/// Completion effects (readiness, counters, barriers, the end of a wavefront) need the
/// wavefront table, so the compute unit performs them on `writeBuffer`'s head.
struct PipelineUnit: Sendable {
  var issueBuffer: UopQueue
  var decodeBuffer = UopQueue(capacity: 1)
  var readBuffer = UopQueue(capacity: 1)
  var execBuffer: UopQueue
  var writeBuffer = UopQueue(capacity: 1)
  let executeLatency: Int64
  let loadLatency: Int64

  init(issueBufferSize: Int, execBufferSize: Int, executeLatency: Int, loadLatency: Int) {
    issueBuffer = UopQueue(capacity: issueBufferSize)
    execBuffer = UopQueue(capacity: execBufferSize)
    self.executeLatency = Int64(executeLatency)
    self.loadLatency = Int64(loadLatency)
  }

  var canIssue: Bool { !issueBuffer.isFull }

  var isIdle: Bool {
    issueBuffer.isEmpty && decodeBuffer.isEmpty && readBuffer.isEmpty && execBuffer.isEmpty && writeBuffer.isEmpty
  }

  /// Moves uops one stage forward for cycle `now`, write stage first (after the compute unit
  /// has retired the completed ones from `writeBuffer`).
  mutating func advance(now: Int64, moves: inout Int) {
    execBuffer.advanceHead(into: &writeBuffer, now: now, delay: 1, moves: &moves)
    if let head = readBuffer.first, head.readyCycle <= now, !execBuffer.isFull {
      var uop = readBuffer.removeFirst()
      uop.readyCycle = now + (uop.kind == .scalarLoad ? loadLatency : executeLatency)
      execBuffer.append(uop)
      moves += 1
    }
    decodeBuffer.advanceHead(into: &readBuffer, now: now, delay: 1, moves: &moves)
    issueBuffer.advanceHead(into: &decodeBuffer, now: now, delay: 1, moves: &moves)
  }

  /// The earliest cycle after `now` at which the unit could move a uop on its own.
  @inline(__always)
  func earliestEvent(after now: Int64) -> Int64 {
    let next = min(
      issueBuffer.headReadyCycle, decodeBuffer.headReadyCycle, readBuffer.headReadyCycle, execBuffer.headReadyCycle,
      writeBuffer.headReadyCycle)
    return max(next, now + 1)
  }
}
