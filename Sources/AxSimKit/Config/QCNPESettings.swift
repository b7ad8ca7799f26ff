import AxJSON
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
      ConfigField(
        key: "dataflow", unit: "choice", range: SystolicDataflow.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
        summary:
          "which operand stays in the NCUs: output (os, AxNN's QCNPE), weight (ws) or input (is) stationary, as SCALE-Sim's Dataflow",
        read: { node, config throws(JSONDecodeError) in
          let name = try node.string(oneOf: SystolicDataflow.allCases.map(\.rawValue))
          config.dataflow = SystolicDataflow(rawValue: name) ?? .outputStationary
        },
        show: { "\"\($0.dataflow.rawValue)\"" }),
      .integerOrKeyword(
        "ifmapSRAMWords", \.ifmapSRAMWords, keyword: "none", in: MemoryHierarchy.sramWordRange, unit: "words",
        "double-buffered ifmap SRAM in front of the FIFOs; with the filter and ofmap sizes it adds a DRAM behind them (SCALE-Sim's IfmapSramSzkB x 1024: it counts one-byte words); \"none\": all operands on chip"
      ),
      .integerOrKeyword(
        "filterSRAMWords", \.filterSRAMWords, keyword: "none", in: MemoryHierarchy.sramWordRange, unit: "words",
        "double-buffered filter (weight) SRAM of the memory hierarchy"),
      .integerOrKeyword(
        "ofmapSRAMWords", \.ofmapSRAMWords, keyword: "none", in: MemoryHierarchy.sramWordRange, unit: "words",
        "double-buffered ofmap (output) SRAM of the memory hierarchy"),
      .integerOrKeyword(
        "ifmapDRAMWordsPerCycle", \.ifmapDRAMWordsPerCycle, keyword: "calc", in: 1...(1 << 20), unit: "words/cycle",
        "DRAM bandwidth into the ifmap SRAM; \"calc\": whatever the array needs, never stalling it (SCALE-Sim's CALC)"),
      .integerOrKeyword(
        "filterDRAMWordsPerCycle", \.filterDRAMWordsPerCycle, keyword: "calc", in: 1...(1 << 20), unit: "words/cycle",
        "DRAM bandwidth into the filter SRAM; \"calc\" as for the ifmap"),
      .integerOrKeyword(
        "ofmapDRAMWordsPerCycle", \.ofmapDRAMWordsPerCycle, keyword: "calc", in: 1...(1 << 20), unit: "words/cycle",
        "DRAM bandwidth out of the ofmap SRAM; \"calc\": cols words/cycle (SCALE-Sim's CALC)"),
      .integer(
        "dramLatencyCycles", \.dramLatencyCycles, in: 0...(1 << 20), unit: "cycles",
        "DRAM read latency, request to data (SCALE-Sim's read port: 1)"),
      .flag(
        "structuredSparsity", \.exploitsStructuredSparsity,
        "the NCUs skip the zero weights of layers declaring N:M sparsity (each fold streams only the kept reductions; SCALE-Sim's sparse mode is not modelled); otherwise such layers run dense and the report's notes say so"
      ),
    ])
}
