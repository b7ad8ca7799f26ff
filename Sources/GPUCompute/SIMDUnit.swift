/// One SIMD unit of a compute unit: issue buffer → decode → execute (docs/sources.md#multi2sim).
///
/// ```
///  issue buffer ──(issue latency)──► decode ──(decode latency)──► execute ──(latency)──► done
///   (1 entry)                         (1 entry)                    (exec buffer, in order)
///                                                    start ≥ previous start + interval
/// ```
///
/// multi2sim does not model the 16 lanes: one wavefront instruction takes the flat
/// read-execute-write latency (8), covering every sub-wavefront. The interval between starts
/// (4 in HEAD, where two exec-buffer entries of 8 cycles each give one start per 4 cycles on
/// average; 8 in 4.2) is explicit here so that starts are evenly spaced. An approximate
/// multiply carries its own latency and interval (`FPUTiming`).
struct SIMDUnit: Sendable {
  var issueBuffer: UopQueue
  var decodeBuffer = UopQueue(capacity: 1)
  var execBuffer: UopQueue
  /// The first cycle the next uop may start executing.
  var nextStart: Int64 = 0
  let decodeLatency: Int64

  init(config: GPUConfig) {
    issueBuffer = UopQueue(capacity: config.simdIssueBufferSize)
    execBuffer = UopQueue(capacity: config.simdExecBufferSize)
    decodeLatency = Int64(config.simdDecodeLatencyCycles)
  }

  /// Whether the issue stage may hand the unit another uop.
  var canIssue: Bool { !issueBuffer.isFull }

  /// Whether the unit holds no uop.
  var isIdle: Bool { issueBuffer.isEmpty && decodeBuffer.isEmpty && execBuffer.isEmpty }

  /// Runs the execute and decode stages for cycle `now` (the compute unit has retired the
  /// finished uops from `execBuffer`); returns the uop that started executing (its wavefront
  /// becomes ready at the next fetch), if any.
  mutating func run(now: Int64, moves: inout Int) -> Uop? {
    var started: Uop?
    if let head = decodeBuffer.first, head.readyCycle <= now, !execBuffer.isFull, now >= nextStart {
      var uop = decodeBuffer.removeFirst()
      uop.readyCycle = now + Int64(uop.latency)
      nextStart = now + Int64(uop.interval)
      execBuffer.append(uop)
      started = uop
      moves += 1
    }
    issueBuffer.advanceHead(into: &decodeBuffer, now: now, delay: decodeLatency, moves: &moves)
    return started
  }

  /// The earliest cycle after `now` at which the unit could move a uop on its own.
  @inline(__always)
  func earliestEvent(after now: Int64) -> Int64 {
    var next = Int64.max
    if let head = execBuffer.first { next = min(next, head.readyCycle) }
    if let head = decodeBuffer.first { next = min(next, max(head.readyCycle, nextStart)) }
    if let head = issueBuffer.first { next = min(next, head.readyCycle) }
    return max(next, now + 1)
  }
}
