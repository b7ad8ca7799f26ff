/// The double-buffered ofmap SRAM draining to DRAM: SCALE-Sim's `write_buffer`, re-derived.
///
/// ```
///   outputs ──► lines of B words (B = DRAM words/cycle) ──► drain: up to ceil(half / B)
///                                                           lines, one per cycle
///   a drain starts when an output arrives, no drain runs and more than half is occupied;
///   an output that finds the SRAM full while a drain runs waits for the drain's end
/// ```
/// Free space is SCALE-Sim's: a drain frees whole lines (a partial line in the middle of a
/// drain counts as full), and starting a drain closes the line being filled. At the end every
/// remaining line drains, one drain after another from the last step's cycle.
struct OfmapWriteBuffer {
  private let activeWords: Int
  private let drainWords: Int
  private let wordsPerCycle: Int
  private var freeWords: Int
  private var drainEndCycle = 0
  /// Words in each closed line not yet drained, from `firstUndrainedLine` on.
  private var lines: [Int32] = []
  private var firstUndrainedLine = 0
  private var openLineWords = 0
  /// Words written back to DRAM (SCALE-Sim's count).
  private(set) var dramWrites = 0
  /// First and last cycle of DRAM writes.
  private(set) var dramCycles: CycleSpan?

  /// An ofmap SRAM of `capacity` words draining `wordsPerCycle` words a cycle.
  init(capacity: Int, wordsPerCycle: Int) {
    activeWords = (capacity + 1) / 2
    drainWords = capacity - activeWords
    self.wordsPerCycle = wordsPerCycle
    freeWords = capacity
  }

  private mutating func closeOpenLine() {
    if openLineWords > 0 {
      lines.append(Int32(openLineWords))
      openLineWords = 0
    }
  }

  /// Drains up to half the SRAM starting at `cycle`; returns the drain's last cycle.
  private mutating func drain(from cycle: Int) -> Int {
    let linesPerDrain = (drainWords + wordsPerCycle - 1) / wordsPerCycle
    let end = min(firstUndrainedLine + linesPerDrain, lines.count)
    let count = end - firstUndrainedLine
    guard count > 0 else { return cycle - 1 }
    let words = count * wordsPerCycle - (wordsPerCycle - Int(lines[end - 1]))
    dramWrites += words
    freeWords += words
    let last = cycle + count - 1
    dramCycles = dramCycles.map { CycleSpan(min($0.first, cycle), max($0.last, last)) } ?? CycleSpan(cycle, last)
    firstUndrainedLine = end
    if firstUndrainedLine > 4096 {
      lines.removeFirst(firstUndrainedLine)
      firstUndrainedLine = 0
    }
    return last
  }

  /// Takes `count` outputs of one step issued at `cycle`; returns the cycle the step's last
  /// output was taken (later than `cycle` when the SRAM was full during a drain).
  mutating func write(_ count: Int, cycle: Int) -> Int {
    var current = cycle
    for _ in 0..<count {
      openLineWords += 1
      freeWords -= 1
      if openLineWords == wordsPerCycle {
        lines.append(Int32(wordsPerCycle))
        openLineWords = 0
      }
      if current < drainEndCycle {
        if freeWords <= 0 { current = drainEndCycle }
      } else if freeWords < activeWords {
        closeOpenLine()
        drainEndCycle = drain(from: current)
      }
    }
    return current
  }

  /// Drains everything left, starting at `cycle` (the last step's).
  mutating func finish(at cycle: Int) {
    closeOpenLine()
    var start = cycle
    while firstUndrainedLine < lines.count {
      drainEndCycle = drain(from: start)
      start = drainEndCycle + 1
    }
  }
}
