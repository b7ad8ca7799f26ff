import AxJSON
import QCNPE

extension RunReport {
  /// What the memory hierarchy (SRAMs fed by a DRAM) moved for one layer, summed over the
  /// layer's groups; present only for a QCNPE layer run behind a memory hierarchy
  /// (docs/reports.md, "Memory"). Counts are in words.
  public struct MemoryLine: Equatable, Sendable {
    /// Input words the ifmap SRAM served to the FIFOs.
    public var sramIfmapReads: Int
    /// Weight words the filter SRAM served to the FIFOs.
    public var sramFilterReads: Int
    /// Outputs and partial sums written into the ofmap SRAM.
    public var sramOfmapWrites: Int
    /// Input words the DRAM delivered into the ifmap SRAM.
    public var dramIfmapReads: Int
    /// Weight words the DRAM delivered into the filter SRAM.
    public var dramFilterReads: Int
    /// Output words the ofmap SRAM wrote back to the DRAM.
    public var dramOfmapWrites: Int
    /// SCALE-Sim's "Total Cycles (incl. prefetch)": from the first DRAM read to the last DRAM
    /// write of each group, summed over groups.
    public var cyclesIncludingPrefetch: Int
    /// SCALE-Sim's "Total Cycles": the zero-based cycle of each group's last output write
    /// (stalls included), summed over groups.
    public var lastOutputCycle: Int
    /// Cycles the array held for the DRAM (SCALE-Sim's "Stall Cycles").
    public var dramStallCycles: Int
    /// Average DRAM words per cycle into the ifmap SRAM over the cycles it was reading
    /// (SCALE-Sim's "Avg IFMAP DRAM BW").
    public var dramIfmapWordsPerCycle: Double
    /// Average DRAM words per cycle into the filter SRAM (SCALE-Sim's "Avg FILTER DRAM BW").
    public var dramFilterWordsPerCycle: Double
    /// Average DRAM words per cycle out of the ofmap SRAM (SCALE-Sim's "Avg OFMAP DRAM BW").
    public var dramOfmapWordsPerCycle: Double
    /// The groups' records, for SCALE-Sim's detailed access report.
    public var groups: [MemoryTraffic]

    /// A layer's line from the records of its groups (one for an ungrouped layer).
    public init(_ groups: [MemoryTraffic]) {
      self.groups = groups
      func sum(_ value: (MemoryTraffic) -> Int) -> Int { groups.reduce(0) { $0 + value($1) } }
      sramIfmapReads = sum(\.sramIfmapReads)
      sramFilterReads = sum(\.sramFilterReads)
      sramOfmapWrites = sum(\.sramOfmapWrites)
      dramIfmapReads = sum(\.dramIfmapReads)
      dramFilterReads = sum(\.dramFilterReads)
      dramOfmapWrites = sum(\.dramOfmapWrites)
      cyclesIncludingPrefetch = sum(\.cyclesIncludingPrefetch)
      lastOutputCycle = sum(\.lastLineCycle)
      dramStallCycles = sum(\.stallCycles)
      // SCALE-Sim divides by stop − start + 1 of the DRAM's activity.
      func rate(_ words: Int, _ span: (MemoryTraffic) -> CycleSpan) -> Double {
        let cycles = sum { span($0).last - span($0).first + 1 }
        return cycles > 0 ? Double(words) / Double(cycles) : 0
      }
      dramIfmapWordsPerCycle = rate(dramIfmapReads, \.dramIfmapCycles)
      dramFilterWordsPerCycle = rate(dramFilterReads, \.dramFilterCycles)
      dramOfmapWordsPerCycle = rate(dramOfmapWrites, \.dramOfmapCycles)
    }

    /// The JSON object of a layer's `memory` field (docs/reports.md).
    var jsonValue: JSONValue {
      .object(
        JSONObject(
          MemoryLine.columns.map { column in
            (column.name, column.isRate ? JSONValue.number(column.rate(self)) : JSONValue.number(column.count(self)))
          }))
    }

    /// One reported quantity: its JSON and CSV name and how to read it.
    struct Column: Sendable {
      let name: String
      let isRate: Bool
      let count: @Sendable (MemoryLine) -> Int
      let rate: @Sendable (MemoryLine) -> Double
    }

    /// The quantities in report order (JSON keys, CSV columns after `memory.`).
    static let columns: [Column] = [
      count("cycles_incl_prefetch", \.cyclesIncludingPrefetch), count("dram_stall_cycles", \.dramStallCycles),
      count("sram_ifmap_reads", \.sramIfmapReads), count("sram_filter_reads", \.sramFilterReads),
      count("sram_ofmap_writes", \.sramOfmapWrites), count("dram_ifmap_reads", \.dramIfmapReads),
      count("dram_filter_reads", \.dramFilterReads), count("dram_ofmap_writes", \.dramOfmapWrites),
      rate("dram_ifmap_words_per_cycle", \.dramIfmapWordsPerCycle),
      rate("dram_filter_words_per_cycle", \.dramFilterWordsPerCycle),
      rate("dram_ofmap_words_per_cycle", \.dramOfmapWordsPerCycle),
    ]

    private static func count(_ name: String, _ path: KeyPath<MemoryLine, Int> & Sendable) -> Column {
      Column(name: name, isRate: false, count: { $0[keyPath: path] }, rate: { Double($0[keyPath: path]) })
    }

    private static func rate(_ name: String, _ path: KeyPath<MemoryLine, Double> & Sendable) -> Column {
      Column(name: name, isRate: true, count: { _ in 0 }, rate: { $0[keyPath: path] })
    }
  }

  /// Whether any layer ran behind a memory hierarchy (the reports then carry memory columns).
  public var hasMemory: Bool { layers.contains { $0.memory != nil } }
}
