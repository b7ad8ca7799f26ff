/// A double-buffered read SRAM (ifmap or filter) behind a DRAM of fixed bandwidth: SCALE-Sim's
/// `read_buffer` in USER bandwidth mode, re-derived.
///
/// ```
///   prefetch order (the operand's words as the array will need them)
///     └── cut into sets of ceil(capacity / 100) words ── sets 0 … L−1
///   active window: A sets  [s, s + A) mod L      (A = ceil(half the capacity / set size))
///   a word of the step outside the window ──► next prefetch: window moves P sets on
///     (P = ceil(the other half / set size)); the DRAM takes ceil(half / bandwidth) cycles
///     plus its latency; the step's data is ready when the prefetch ends
/// ```
/// Before the first step the DRAM fills the active half: ceil(half / bandwidth) cycles ending
/// the cycle before step 0. SCALE-Sim's arithmetic is kept as it is, so that its stall counts
/// carry over: a prefetch that ends after the step's current ready cycle delays it by twice
/// the difference, one that ends before pulls it back to the prefetch's end (docs/scalesim.md,
/// "Where SCALE-Sim's arithmetic is followed").
struct PrefetchingReadBuffer {
  private let wordsPerCycle: Int
  private let latency: Int
  private let setCount: Int
  private let activeSets: Int
  private let prefetchSets: Int
  private let prefetchWords: Int
  private let firstFillLines: Int
  /// Per id, where its sets start in `sets` (CSR layout, ids in order).
  private var setStart: [Int32]
  /// The sets holding each id, ascending.
  private var sets: [Int32]
  private var windowStart = 0
  private var windowEnd = 0
  private var started = false
  private var lastPrefetchCycle = 0
  /// Words the DRAM delivered (SCALE-Sim counts whole lines of `wordsPerCycle`).
  private(set) var dramReads = 0
  /// First and last cycle of DRAM traffic.
  private(set) var dramCycles = CycleSpan(0, 0)

  /// A buffer of `capacity` words filled at `wordsPerCycle` from a DRAM of `latency`, holding
  /// ids `0..<idCount` prefetched in `order`; `entries` counts SCALE-Sim's prefetch matrix
  /// padding too.
  init(capacity: Int, wordsPerCycle: Int, latency: Int, order: [Int32], entries: Int, idCount: Int) {
    self.wordsPerCycle = wordsPerCycle
    self.latency = latency
    let setWords = (capacity + 99) / 100
    let active = (capacity + 1) / 2
    prefetchWords = capacity - active
    let valid = order.count
    setCount = valid / setWords + 1
    activeSets = min(setCount, (active + setWords - 1) / setWords)
    prefetchSets = min(setCount - activeSets, (prefetchWords + setWords - 1) / setWords)
    let fetchLines = (entries + wordsPerCycle - 1) / wordsPerCycle
    firstFillLines = min((active + wordsPerCycle - 1) / wordsPerCycle, fetchLines)
    // Each id's sets, ascending and without repeats (an id twice in one set is one entry).
    var counts = [Int32](repeating: 0, count: idCount + 1)
    var lastSet = [Int32](repeating: -1, count: idCount)
    for (position, id) in order.enumerated() {
      let set = Int32(position / setWords)
      if lastSet[Int(id)] != set {
        lastSet[Int(id)] = set
        counts[Int(id) + 1] += 1
      }
    }
    for id in 0..<idCount { counts[id + 1] += counts[id] }
    setStart = counts
    sets = [Int32](repeating: 0, count: Int(counts[idCount]))
    var fill = Array(counts.dropLast())
    lastSet.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
    for (position, id) in order.enumerated() {
      let set = Int32(position / setWords)
      if lastSet[Int(id)] != set {
        lastSet[Int(id)] = set
        sets[Int(fill[Int(id)])] = set
        fill[Int(id)] += 1
      }
    }
  }

  /// Whether `id` is in a set of the active window.
  @inline(__always)
  private func holds(_ id: Int) -> Bool {
    let low = Int(setStart[id])
    let high = Int(setStart[id + 1])
    guard low < high else { return false }
    // The first set at or after the window's start.
    var first = low
    var last = high
    while first < last {
      let middle = (first + last) / 2
      if Int(sets[middle]) < windowStart { first = middle + 1 } else { last = middle }
    }
    if windowStart < windowEnd { return first < high && Int(sets[first]) < windowEnd }
    return first < high || Int(sets[low]) < windowEnd
  }

  /// Serves the ids of one step issued at `cycle`; returns the cycle its data is ready (the
  /// cycle + 1 when every word was in the active window).
  mutating func read(_ ids: UnsafePointer<Int>, count: Int, cycle: Int) -> Int {
    if !started {
      started = true
      dramReads += firstFillLines * wordsPerCycle
      lastPrefetchCycle = cycle - 1
      dramCycles = CycleSpan(cycle - firstFillLines, cycle - 1)
      windowStart = 0
      windowEnd = activeSets
    }
    var offset = 1
    for index in 0..<count {
      let id = ids[index]
      guard id >= 0 else { continue }
      while !holds(id) {
        windowStart = (windowStart + prefetchSets) % setCount
        windowEnd = (windowStart + activeSets) % setCount
        let lines = (prefetchWords + wordsPerCycle - 1) / wordsPerCycle
        dramReads += lines * wordsPerCycle
        lastPrefetchCycle += lines + latency
        dramCycles.last = max(dramCycles.last, lastPrefetchCycle)
        let stall = lastPrefetchCycle - (cycle + offset)
        offset += stall
        if stall > 0 { offset += stall }
      }
    }
    return cycle + offset
  }
}

/// A double-buffered read SRAM whose DRAM bandwidth is not given: SCALE-Sim's
/// `read_buffer_estimate_bw` (CALC mode), re-derived. It never stalls the array; it measures
/// the DRAM traffic and the bandwidth the prefetches would need.
///
/// ```
///   new words (not in the 50 active sets, not in the set being filled) fill sets of
///   floor(capacity / 100) words; when 50 more sets are full, the previous 50 are prefetched
///   over the cycles since the last such point; at the end the rest is prefetched
///   the first fill runs at 10 words/cycle and ends latency + 1 cycles before the first read
/// ```
struct EstimatingReadBuffer {
  /// SCALE-Sim's bandwidth for the first fill (it calls the number arbitrary).
  static let firstFillWordsPerCycle = 10
  private let setWords: Int
  private let latency: Int
  /// Per id, the set it was last added to (Int32.min: never).
  private var lastSet: [Int32]
  private var setSizes: [Int] = []
  private var currentSet = 0
  private var currentSetWords = 0
  private var activeStart = 0
  private var activeEnd = 49
  private var firstRequestCycle: Int?
  private var firstFillDone = false
  private var prefetchStart = -2
  private var prefetchEnd = -1
  private var prefetchSetStart = 0
  private var prefetchSetEnd = 0
  /// Words the DRAM delivered.
  private(set) var dramReads = 0
  /// First and last cycle of DRAM traffic.
  private(set) var dramCycles: CycleSpan?

  /// A buffer of `capacity` words for ids `0..<idCount`.
  init(capacity: Int, latency: Int, idCount: Int) {
    setWords = capacity / 100
    self.latency = latency
    lastSet = [Int32](repeating: Int32.min, count: idCount)
  }

  private mutating func recordPrefetch(_ sets: ClosedRange<Int>?) {
    if let sets { for set in sets where set < setSizes.count { dramReads += setSizes[set] } }
    let first = prefetchStart + latency
    let last = prefetchEnd + latency
    // SCALE-Sim's stop cycle is the last prefetch's, its start the first's.
    dramCycles = CycleSpan(dramCycles?.first ?? first, last)
  }

  /// Serves the ids of one step issued at `cycle`; the data is always ready at cycle + 1.
  mutating func read(_ ids: UnsafePointer<Int>, count: Int, cycle: Int) -> Int {
    for index in 0..<count {
      let id = ids[index]
      guard id >= 0 else { continue }
      if firstRequestCycle == nil { firstRequestCycle = cycle }
      let set = Int(lastSet[id])
      if set >= activeStart && set <= currentSet { continue }
      lastSet[id] = Int32(currentSet)
      if setSizes.count <= currentSet { setSizes.append(0) }
      setSizes[currentSet] += 1
      currentSetWords += 1
      guard currentSetWords == setWords else { continue }
      currentSet += 1
      currentSetWords = 0
      guard currentSet == activeEnd + 1 else { continue }
      if !firstFillDone {
        prefetchEnd = (firstRequestCycle ?? cycle) - 1 - latency
        let lines =
          (50 * setWords + EstimatingReadBuffer.firstFillWordsPerCycle - 1) / EstimatingReadBuffer.firstFillWordsPerCycle
        prefetchStart = prefetchEnd - lines + 1
        recordPrefetch(0...49)
        prefetchSetStart = activeEnd + 1
        prefetchSetEnd = activeEnd + 50
        firstFillDone = true
      } else {
        recordPrefetch(prefetchSetStart...prefetchSetEnd)
        prefetchSetStart += 50
        prefetchSetEnd += 50
      }
      activeStart += 50
      activeEnd += 50
      prefetchStart = prefetchEnd + 1
      prefetchEnd = cycle
    }
    return cycle + 1
  }

  /// Prefetches what is left after the last step.
  mutating func finish() {
    if currentSetWords == 0 { currentSet -= 1 }
    if !firstFillDone {
      prefetchEnd = -1 - latency
      let lines =
        ((currentSet + 1) * setWords + EstimatingReadBuffer.firstFillWordsPerCycle - 1)
        / EstimatingReadBuffer.firstFillWordsPerCycle
      prefetchStart = prefetchEnd - lines + 1
      recordPrefetch(currentSet >= 0 ? 0...currentSet : nil)
    } else {
      recordPrefetch(currentSet >= prefetchSetStart ? prefetchSetStart...currentSet : nil)
    }
  }
}
