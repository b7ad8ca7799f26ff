/// The micro-architectural parameters of a QCNPE instance (AxNN §5, Fig. 4).
///
/// Defaults are the paper's implementation: a 16×16 NCU array, 16 + 16 FIFOs of depth 32,
/// 16-bit operands, 1 GHz. Parameters the paper leaves open are marked as assumptions in
/// docs/qcnpe.md and kept configurable.
public struct QCNPEConfig: Equatable, Hashable, Sendable {
  /// NCU rows; each row has a left FIFO (inputs) and an AFU.
  public var rows: Int
  /// NCU columns; each column has a top FIFO (weights). Neurons map to columns.
  public var cols: Int
  /// Words each FIFO holds.
  public var fifoDepth: Int
  /// Words per cycle the on-chip memory can write into the FIFO arrays; nil means ideal
  /// memory (every operand arrives when it is needed). Any B ≥ R + C never stalls the array
  /// (docs/qcnpe.md), so ideal memory and `matchedMemoryWordsPerCycle` give the same cycles
  /// and the same activity; a smaller B makes the run memory-bound.
  public var memoryWordsPerCycle: Int?
  /// Clock frequency in MHz.
  public var clockMHz: Double
  /// Operand word width in bits (the widest precision an NCU accepts).
  public var wordBits: Int
  /// Accumulator width in bits [assumption: 2 × 16-bit products plus 8 guard bits].
  public var accumulatorBits: Int
  /// Whether accumulators are double-buffered so a fold's AFU drain overlaps the next fold.
  public var afuDrainOverlap: Bool
  /// Pipeline latency of an AFU in cycles, from a sum's arrival to its activated output.
  public var afuLatencyCycles: Int
  /// Seed of the synthesised operand values used by `cycle` fidelity (traces carry shapes,
  /// not tensors); timing and activity never depend on it.
  public var operandSeed: UInt64
  /// Which operand stays in the NCUs: output (AxNN's QCNPE), weight or input stationary.
  public var dataflow: SystolicDataflow = .outputStationary
  /// Capacity of the double-buffered ifmap SRAM in words; with `filterSRAMWords` and
  /// `ofmapSRAMWords` it puts the memory hierarchy (SRAMs fed by a DRAM) in front of the
  /// FIFOs. nil: every operand is on chip and nothing is fetched from DRAM.
  public var ifmapSRAMWords: Int?
  /// Capacity of the double-buffered filter (weight) SRAM in words.
  public var filterSRAMWords: Int?
  /// Capacity of the double-buffered ofmap (output) SRAM in words.
  public var ofmapSRAMWords: Int?
  /// DRAM words per cycle into the ifmap SRAM; nil: as many as the array needs (the
  /// prefetches never stall it, SCALE-Sim's CALC mode).
  public var ifmapDRAMWordsPerCycle: Int?
  /// DRAM words per cycle into the filter SRAM; nil: as many as the array needs.
  public var filterDRAMWordsPerCycle: Int?
  /// DRAM words per cycle out of the ofmap SRAM; nil: `cols` (SCALE-Sim's CALC mode).
  public var ofmapDRAMWordsPerCycle: Int?
  /// Cycles from a DRAM read request to its data (SCALE-Sim's read port: 1).
  public var dramLatencyCycles: Int = 1
  /// Whether the NCUs skip the zero weights of a layer with N:M structured sparsity (SCALE-Sim's
  /// `SparsitySupport`); otherwise such a layer runs dense and the report says so.
  public var exploitsStructuredSparsity: Bool = false

  /// The largest array side accepted, so a typo cannot allocate 10^18 NCUs.
  public static let maximumSide = 2048

  /// A configuration; defaults are the paper's QCNPE, with memory that keeps the array fed
  /// (ideal; a config file's default is the equivalent R + C words per cycle).
  public init(
    rows: Int = 16, cols: Int = 16, fifoDepth: Int = 32, memoryWordsPerCycle: Int? = nil,
    clockMHz: Double = 1000, wordBits: Int = 16, accumulatorBits: Int = 40,
    afuDrainOverlap: Bool = true, afuLatencyCycles: Int = 2, operandSeed: UInt64 = 1
  ) {
    self.rows = rows
    self.cols = cols
    self.fifoDepth = fifoDepth
    self.memoryWordsPerCycle = memoryWordsPerCycle
    self.clockMHz = clockMHz
    self.wordBits = wordBits
    self.accumulatorBits = accumulatorBits
    self.afuDrainOverlap = afuDrainOverlap
    self.afuLatencyCycles = afuLatencyCycles
    self.operandSeed = operandSeed
  }

  /// The memory hierarchy in front of the FIFOs, when all three SRAM sizes are given.
  public var memoryHierarchy: MemoryHierarchy? {
    guard let ifmapSRAMWords, let filterSRAMWords, let ofmapSRAMWords else { return nil }
    return MemoryHierarchy(
      ifmapSRAMWords: ifmapSRAMWords, filterSRAMWords: filterSRAMWords, ofmapSRAMWords: ofmapSRAMWords,
      ifmapDRAMWordsPerCycle: ifmapDRAMWordsPerCycle, filterDRAMWordsPerCycle: filterDRAMWordsPerCycle,
      ofmapDRAMWordsPerCycle: ofmapDRAMWordsPerCycle ?? cols, dramLatencyCycles: dramLatencyCycles)
  }

  /// NCUs in the array.
  public var ncuCount: Int { rows * cols }

  /// The bandwidth that keeps the array fed, R + C words per cycle: one word for every left
  /// and top FIFO that pops in a step. Configs default to it, so that changing the array size
  /// never makes a run memory-bound without saying so.
  public var matchedMemoryWordsPerCycle: Int { rows + cols }

  /// Problems with the configuration, phrased for a user, empty when it is valid.
  public var problems: [(key: String, message: String)] {
    var problems: [(String, String)] = []
    let side = 1...QCNPEConfig.maximumSide
    if !side.contains(rows) { problems.append(("rows", "expected an integer in \(side), found \(rows)")) }
    if !side.contains(cols) { problems.append(("cols", "expected an integer in \(side), found \(cols)")) }
    if fifoDepth < 1 || fifoDepth > 1 << 20 {
      problems.append(("fifoDepth", "expected an integer in 1...1048576, found \(fifoDepth)"))
    }
    if let words = memoryWordsPerCycle, words < 1 || words > 1 << 20 {
      problems.append(("memoryWordsPerCycle", "expected an integer in 1...1048576 or null (ideal), found \(words)"))
    }
    if !(clockMHz > 0 && clockMHz <= 100_000) {
      problems.append(("clockMHz", "expected a number in (0, 100000], found \(clockMHz)"))
    }
    if wordBits < 2 || wordBits > 16 { problems.append(("wordBits", "expected an integer in 2...16, found \(wordBits)")) }
    if accumulatorBits < 2 * wordBits || accumulatorBits > 64 {
      problems.append(
        ("accumulatorBits", "expected an integer in \(2 * wordBits)...64 (twice wordBits or more), found \(accumulatorBits)"))
    }
    if afuLatencyCycles < 0 || afuLatencyCycles > 1024 {
      problems.append(("afuLatencyCycles", "expected an integer in 0...1024, found \(afuLatencyCycles)"))
    }
    let sizes = [("ifmapSRAMWords", ifmapSRAMWords), ("filterSRAMWords", filterSRAMWords), ("ofmapSRAMWords", ofmapSRAMWords)]
    for (key, words) in sizes {
      if let words, !MemoryHierarchy.sramWordRange.contains(words) {
        problems.append(
          (key, "expected an integer in \(MemoryHierarchy.sramWordRange) or null (no memory hierarchy), found \(words)"))
      }
    }
    let given = sizes.filter { $0.1 != nil }.map(\.0)
    if !given.isEmpty, given.count < sizes.count {
      let missing = sizes.filter { $0.1 == nil }.map(\.0)
      problems.append(
        (
          missing[0],
          "the memory hierarchy needs all three SRAM sizes; \(given.joined(separator: " and ")) given, \(missing.joined(separator: " and ")) missing"
        ))
    }
    for (key, words) in [
      ("ifmapDRAMWordsPerCycle", ifmapDRAMWordsPerCycle), ("filterDRAMWordsPerCycle", filterDRAMWordsPerCycle),
      ("ofmapDRAMWordsPerCycle", ofmapDRAMWordsPerCycle),
    ] {
      if let words, words < 1 || words > 1 << 20 {
        problems.append((key, "expected an integer in 1...1048576 or \"calc\", found \(words)"))
      }
    }
    if dramLatencyCycles < 0 || dramLatencyCycles > 1 << 20 {
      problems.append(("dramLatencyCycles", "expected an integer in 0...1048576, found \(dramLatencyCycles)"))
    }
    return problems
  }
}
