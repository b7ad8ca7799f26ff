import QCNPE

/// The `qcnpe` section of a config: every micro-architectural parameter of QCNPE.
enum QCNPESettings {
  static let section = ConfigSection<QCNPEConfig>(
    key: "qcnpe", summary: "the QCNPE NCU array (AxNN §5); defaults are the paper's Fig. 4",
    fields: [
      .integer(
        "rows", \.rows, in: 1...QCNPEConfig.maximumSide, unit: "NCUs", "NCU rows; one left (input) FIFO and one AFU per row"),
      .integer(
        "cols", \.cols, in: 1...QCNPEConfig.maximumSide, unit: "NCUs",
        "NCU columns; one top (weight) FIFO per column; neurons map to columns"),
      .integer("fifoDepth", \.fifoDepth, in: 1...(1 << 20), unit: "words", "capacity of each FIFO"),
      .integerOrIdeal(
        "memoryWordsPerCycle", \.memoryWordsPerCycle, in: 1...(1 << 20), unit: "words/cycle",
        "on-chip memory bandwidth into the FIFO arrays; \"ideal\" delivers every operand on time; below rows + cols the array can stall",
        defaultText: "rows + cols"),
      .number("clockMHz", \.clockMHz, in: 1...100_000, unit: "MHz", "clock frequency"),
      .integer("wordBits", \.wordBits, in: 2...16, unit: "bits", "operand word width, the widest precision an NCU accepts"),
      .integer("accumulatorBits", \.accumulatorBits, in: 4...64, unit: "bits", "NCU accumulator width (at least 2 × wordBits)"),
      .flag("afuDrainOverlap", \.afuDrainOverlap, "double-buffered accumulators: a fold's AFU drain overlaps the next fold"),
      .integer(
        "afuLatencyCycles", \.afuLatencyCycles, in: 0...1024, unit: "cycles", "AFU pipeline latency from a sum to its output"),
    ])
}
