/// The memory hierarchy of one GEMM layer as the array runs it: one memory system per group
/// (each group is an independent product, and SCALE-Sim runs each as its own layer, starting
/// with empty SRAMs), served one array step at a time.
///
/// ```
///   group g:  [DRAM fills the active halves] [steps … each may be held for DRAM] [final drain]
///             └──────── prefetch ─────────┘                                   └─ writeback ┘
/// ```
/// The runner reports each step with its cycle; the memory answers how long the array must
/// hold before the next step. A group's prefetch and write-back cycles become known when its
/// last step has run; the runner adds them there.
struct LayerMemory {
  let plan: GEMMPlan
  let hierarchy: MemoryHierarchy
  let demand: OperandDemand
  private var group: GroupMemory?
  private var groupStartCycle = 0
  /// What each finished group did.
  private(set) var traffic: [MemoryTraffic] = []

  init(plan: GEMMPlan, hierarchy: MemoryHierarchy, addressing: OperandAddressing) {
    self.plan = plan
    self.hierarchy = hierarchy
    demand = OperandDemand(plan: plan, addressing: addressing)
  }

  /// Fold `index` starts at `cycle`: a group's first fold sets up its memory system.
  mutating func beginFold(_ index: Int, cycle: Int) {
    guard index % plan.foldsPerGroup == 0 else { return }
    group = GroupMemory(demand: demand, group: index / plan.foldsPerGroup, hierarchy: hierarchy)
    groupStartCycle = cycle
  }

  /// The array took step `step` of `fold` at `cycle`; returns the cycles it must then hold.
  @inline(__always)
  mutating func step(_ fold: GEMMPlan.Fold, step: Int, cycle: Int) -> Int {
    group?.step(fold, step: step, cycle: cycle - groupStartCycle) ?? 0
  }

  /// Fold `index` has taken its last step; when it ends a group, returns the group's prefetch
  /// and write-back cycles, which the layer adds.
  mutating func endFold(_ index: Int) -> (prefetch: Int, writeback: Int, stall: Int)? {
    guard (index + 1) % plan.foldsPerGroup == 0, var finished = group else { return nil }
    let result = finished.finish()
    traffic.append(result)
    group = nil
    return (result.prefetchCycles, result.writebackCycles, result.stallCycles)
  }
}

/// The SRAMs and DRAM of one group.
struct GroupMemory {
  private let demand: OperandDemand
  private let group: Int
  private var prefetchingIfmap: PrefetchingReadBuffer?
  private var estimatingIfmap: EstimatingReadBuffer?
  private var prefetchingFilter: PrefetchingReadBuffer?
  private var estimatingFilter: EstimatingReadBuffer?
  private var ofmap: OfmapWriteBuffer
  private var traffic = MemoryTraffic()
  private let scratch: IDScratch
  /// The latest cycle an output was taken (SCALE-Sim's Total Cycles), and the last step's.
  private var latestOutputCycle = 0
  private var finalStepOutputCycle = 0

  init(demand: OperandDemand, group: Int, hierarchy: MemoryHierarchy) {
    self.demand = demand
    self.group = group
    let addressing = demand.addressing
    let latency = hierarchy.dramLatencyCycles
    if let words = hierarchy.ifmapDRAMWordsPerCycle {
      let order = demand.prefetchOrder(inputs: true)
      prefetchingIfmap = PrefetchingReadBuffer(
        capacity: hierarchy.ifmapSRAMWords, wordsPerCycle: words, latency: latency, order: order.ids, entries: order.entries,
        idCount: addressing.inputIDCount)
    } else {
      estimatingIfmap = EstimatingReadBuffer(
        capacity: hierarchy.ifmapSRAMWords, latency: latency, idCount: addressing.inputIDCount)
    }
    if let words = hierarchy.filterDRAMWordsPerCycle {
      let order = demand.prefetchOrder(inputs: false)
      prefetchingFilter = PrefetchingReadBuffer(
        capacity: hierarchy.filterSRAMWords, wordsPerCycle: words, latency: latency, order: order.ids,
        entries: order.entries, idCount: addressing.filterIDCount)
    } else {
      estimatingFilter = EstimatingReadBuffer(
        capacity: hierarchy.filterSRAMWords, latency: latency, idCount: addressing.filterIDCount)
    }
    ofmap = OfmapWriteBuffer(capacity: hierarchy.ofmapSRAMWords, wordsPerCycle: hierarchy.ofmapDRAMWordsPerCycle)
    scratch = IDScratch(capacity: max(demand.plan.rows, demand.plan.cols) + 1)
  }

  /// Serves step `step` of `fold`, issued `cycle` cycles after the group's first step;
  /// returns the cycles the array then holds.
  mutating func step(_ fold: GEMMPlan.Fold, step: Int, cycle: Int) -> Int {
    traffic.lines += 1
    let base = scratch.ids
    let inputCount = demand.inputIDs(fold: fold, step: step, into: base)
    var inputsValid = false
    for index in 0..<inputCount where base[index] >= 0 { inputsValid = true }
    let inputReady =
      if prefetchingIfmap != nil {
        prefetchingIfmap?.read(base, count: inputCount, cycle: cycle) ?? cycle + 1
      } else {
        estimatingIfmap?.read(base, count: inputCount, cycle: cycle) ?? cycle + 1
      }
    let filterCount = demand.filterIDs(fold: fold, step: step, group: group, into: base)
    let filterReady =
      if prefetchingFilter != nil {
        prefetchingFilter?.read(base, count: filterCount, cycle: cycle) ?? cycle + 1
      } else {
        estimatingFilter?.read(base, count: filterCount, cycle: cycle) ?? cycle + 1
      }
    let outputs = demand.outputCount(fold: fold, step: step)
    let outputTaken = ofmap.write(outputs, cycle: cycle)
    traffic.sramIfmapReads += inputCount
    traffic.sramFilterReads += filterCount
    traffic.sramOfmapWrites += outputs
    // SCALE-Sim's SRAM start and stop cycles are those of the first and the last step that
    // touched the SRAM (a prefetch that ends early can make a later step's cycle smaller).
    if inputsValid { traffic.sramIfmapCycles = CycleSpan(traffic.sramIfmapCycles?.first ?? inputReady, inputReady) }
    if filterCount > 0 { traffic.sramFilterCycles = CycleSpan(traffic.sramFilterCycles?.first ?? filterReady, filterReady) }
    if outputs > 0 { traffic.sramOfmapCycles = CycleSpan(traffic.sramOfmapCycles?.first ?? outputTaken, outputTaken) }
    latestOutputCycle = max(latestOutputCycle, outputTaken)
    finalStepOutputCycle = outputTaken
    // The array holds for the longest wait: a read's data is due the cycle after the step.
    let hold = max(inputReady - cycle - 1, filterReady - cycle - 1, outputTaken - cycle, 0)
    traffic.stallCycles += hold
    return hold
  }

  /// Prefetches what is left, drains the ofmap SRAM, and returns the group's traffic.
  mutating func finish() -> MemoryTraffic {
    estimatingIfmap?.finish()
    estimatingFilter?.finish()
    ofmap.finish(at: finalStepOutputCycle)
    traffic.lastLineCycle = latestOutputCycle
    if let buffer = prefetchingIfmap {
      traffic.dramIfmapReads = buffer.dramReads
      traffic.dramIfmapCycles = buffer.dramCycles
    } else if let buffer = estimatingIfmap {
      traffic.dramIfmapReads = buffer.dramReads
      traffic.dramIfmapCycles = buffer.dramCycles ?? CycleSpan(0, 0)
    }
    if let buffer = prefetchingFilter {
      traffic.dramFilterReads = buffer.dramReads
      traffic.dramFilterCycles = buffer.dramCycles
    } else if let buffer = estimatingFilter {
      traffic.dramFilterReads = buffer.dramReads
      traffic.dramFilterCycles = buffer.dramCycles ?? CycleSpan(0, 0)
    }
    traffic.dramOfmapWrites = ofmap.dramWrites
    traffic.dramOfmapCycles = ofmap.dramCycles ?? CycleSpan(0, 0)
    return traffic
  }
}

/// The ids of one step, written by `OperandDemand` and read by the SRAMs (one allocation per
/// group, not per step).
final class IDScratch {
  let ids: UnsafeMutablePointer<Int>

  init(capacity: Int) {
    ids = .allocate(capacity: capacity)
    ids.initialize(repeating: 0, count: capacity)
  }

  deinit { ids.deallocate() }
}
