/// The memory hierarchy in front of QCNPE's FIFOs: three double-buffered SRAMs (ifmap, filter,
/// ofmap) fed by and drained to a DRAM (docs/qcnpe.md, "Memory hierarchy").
///
/// ```
///   DRAM ──ifmap words/cycle──► ifmap SRAM  (active half | prefetch half) ──► left/top FIFOs
///        ──filter words/cycle─► filter SRAM (active half | prefetch half) ──► top/left FIFOs
///        ◄─ofmap words/cycle─── ofmap SRAM  (active half | drain half)    ◄── AFUs / column ends
/// ```
/// The model is SCALE-Sim 3.0.0's double-buffered scratchpad (`memory/read_buffer.py`,
/// `read_buffer_estimate_bw.py`, `write_buffer.py`, `double_buffered_scratchpad_mem.py`),
/// re-derived so that its cycles agree with SCALE-Sim's for every layer: the array's demand is
/// one line of addresses per array step; a read SRAM holds its operand's words in the order
/// they were prefetched, cut into 100 sets; a word outside the active sets triggers the next
/// prefetch and the array waits for it; the ofmap SRAM drains its drain half to DRAM once its
/// active half is full, and the array waits when it fills before a drain ends.
public struct MemoryHierarchy: Equatable, Hashable, Sendable {
  /// The accepted SRAM capacities in words: SCALE-Sim splits a read SRAM into 100 sets, so it
  /// needs 100 words at least.
  public static let sramWordRange = 100...(1 << 34)

  /// Capacity of the ifmap SRAM in words.
  public var ifmapSRAMWords: Int
  /// Capacity of the filter SRAM in words.
  public var filterSRAMWords: Int
  /// Capacity of the ofmap SRAM in words.
  public var ofmapSRAMWords: Int
  /// DRAM words per cycle into the ifmap SRAM; nil: whatever the array needs (never stalls).
  public var ifmapDRAMWordsPerCycle: Int?
  /// DRAM words per cycle into the filter SRAM; nil: whatever the array needs.
  public var filterDRAMWordsPerCycle: Int?
  /// DRAM words per cycle out of the ofmap SRAM.
  public var ofmapDRAMWordsPerCycle: Int
  /// Cycles from a DRAM read request to its data.
  public var dramLatencyCycles: Int

  /// A hierarchy.
  public init(
    ifmapSRAMWords: Int, filterSRAMWords: Int, ofmapSRAMWords: Int, ifmapDRAMWordsPerCycle: Int?,
    filterDRAMWordsPerCycle: Int?, ofmapDRAMWordsPerCycle: Int, dramLatencyCycles: Int
  ) {
    self.ifmapSRAMWords = ifmapSRAMWords
    self.filterSRAMWords = filterSRAMWords
    self.ofmapSRAMWords = ofmapSRAMWords
    self.ifmapDRAMWordsPerCycle = ifmapDRAMWordsPerCycle
    self.filterDRAMWordsPerCycle = filterDRAMWordsPerCycle
    self.ofmapDRAMWordsPerCycle = ofmapDRAMWordsPerCycle
    self.dramLatencyCycles = dramLatencyCycles
  }
}

/// What the memory hierarchy did for one group of a GEMM layer (one SCALE-Sim layer), with
/// cycles counted from the group's first array step (0) as SCALE-Sim stamps them.
public struct MemoryTraffic: Equatable, Sendable {
  /// Array steps (SCALE-Sim's demand lines) of the group.
  public var lines: Int = 0
  /// Cycles the array waited for the DRAM (SCALE-Sim's Stall Cycles).
  public var stallCycles: Int = 0
  /// The cycle stamp of the group's last output write (SCALE-Sim's Total Cycles).
  public var lastLineCycle: Int = 0
  /// Words each SRAM served to or took from the array.
  public var sramIfmapReads: Int = 0
  /// Filter words the filter SRAM served.
  public var sramFilterReads: Int = 0
  /// Outputs (or partial sums) written into the ofmap SRAM.
  public var sramOfmapWrites: Int = 0
  /// Words the DRAM delivered into the ifmap SRAM.
  public var dramIfmapReads: Int = 0
  /// Words the DRAM delivered into the filter SRAM.
  public var dramFilterReads: Int = 0
  /// Words the ofmap SRAM wrote back to the DRAM.
  public var dramOfmapWrites: Int = 0
  /// First and last cycle the array read (or wrote) each SRAM, as SCALE-Sim's detailed access
  /// report gives them (nil when it never did).
  public var sramIfmapCycles: CycleSpan?
  /// First and last cycle the array read the filter SRAM.
  public var sramFilterCycles: CycleSpan?
  /// First and last cycle the array wrote the ofmap SRAM.
  public var sramOfmapCycles: CycleSpan?
  /// First and last cycle of DRAM traffic of each SRAM (negative before the first step).
  public var dramIfmapCycles = CycleSpan(0, 0)
  /// First and last cycle of the filter SRAM's DRAM reads.
  public var dramFilterCycles = CycleSpan(0, 0)
  /// First and last cycle of the ofmap SRAM's DRAM writes.
  public var dramOfmapCycles = CycleSpan(0, 0)

  /// A traffic record with every count zero.
  public init() {}

  /// SCALE-Sim's Total Cycles (incl. prefetch): from the first DRAM read to the last DRAM write.
  public var cyclesIncludingPrefetch: Int {
    dramOfmapCycles.last - min(dramIfmapCycles.first, dramFilterCycles.first)
  }

  /// Cycles the DRAM read before the array's first step (the active halves' first fill).
  public var prefetchCycles: Int { max(0, -min(dramIfmapCycles.first, dramFilterCycles.first)) }

  /// Cycles the DRAM wrote after the array's last output (the ofmap SRAM's final drain).
  public var writebackCycles: Int { max(0, dramOfmapCycles.last - lastLineCycle) }
}

/// The first and last cycle of some activity (SCALE-Sim's start and stop cycles; the last may
/// precede the first in SCALE-Sim's own accounting, so this is not a range).
public struct CycleSpan: Equatable, Sendable {
  /// The first cycle.
  public var first: Int
  /// The last cycle.
  public var last: Int

  /// A span.
  public init(_ first: Int, _ last: Int) {
    self.first = first
    self.last = last
  }
}
