import QCNPE

/// Renders a QCNPE run as SCALE-Sim 3.0.0's reports: `COMPUTE_REPORT.csv`,
/// `BANDWIDTH_REPORT.csv` and `DETAILED_ACCESS_REPORT.csv`, with the same headers, column
/// order, units and number formatting (Python's `str` of an int or a float), so scripts
/// written for SCALE-Sim read them unchanged (docs/scalesim.md).
///
/// SCALE-Sim's definitions, taken from its models (scale-sim v3 `compute/systolic_compute_*.py`,
/// `memory/*.py`, `single_layer_sim.py`) and checked against its runs:
/// - Total Cycles: the zero-based stamp of a layer's last output write. Behind a memory
///   hierarchy it is the model's; without one it is our compute, stall and drain-wait cycles
///   minus one (the AFU tail has no counterpart there).
/// - Stall Cycles: cycles the array waited for the DRAM (or, without a hierarchy, for operands).
/// - Total Cycles (incl. prefetch): from the DRAM's first read to its last write; without a
///   memory hierarchy there is no DRAM and it equals Total Cycles.
/// - Overall Util %: MACs × 100 / (Total Cycles × R × C).
/// - Mapping Efficiency %: the mean over folds of the fraction of NCUs a fold maps work to.
/// - Compute Util %: the mean over folds of used NCUs × T / (R × C × fold cycles), T the
///   streamed dimension and fold cycles T + R + C − 2 (os) or T + 2R + 2C − 3 (ws, is).
/// - SRAM OFMAP Writes (os): SCALE-Sim's output-stationary demand has R + C more write slots
///   per fold than the array writes outputs; the access reports add them so the columns are
///   SCALE-Sim's (the JSON report keeps the real count).
///
/// Pooling layers, which a SCALE-Sim topology cannot hold, are left out; `LayerID` counts
/// the array layers in trace order.
public enum ScaleSimReporter {
  /// SCALE-Sim's COMPUTE_REPORT header line, byte for byte (trailing comma included).
  public static let header =
    "LayerID, Total Cycles (incl. prefetch), Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,"
  /// SCALE-Sim's BANDWIDTH_REPORT header line.
  public static let bandwidthHeader =
    "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,"
  /// SCALE-Sim's DETAILED_ACCESS_REPORT header line.
  public static let accessHeader =
    "LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,"

  /// Which of SCALE-Sim's reports to write.
  public enum Kind: String, CaseIterable, Sendable {
    /// COMPUTE_REPORT.csv (`--format scalesim`).
    case compute = "scalesim"
    /// BANDWIDTH_REPORT.csv (`--format scalesim-bandwidth`; needs a memory hierarchy).
    case bandwidth = "scalesim-bandwidth"
    /// DETAILED_ACCESS_REPORT.csv (`--format scalesim-access`; needs a memory hierarchy).
    case access = "scalesim-access"
  }

  /// One report as CSV text; `plans` are the run's QCNPE plans, one per report layer. The
  /// bandwidth and access reports list only layers run behind a memory hierarchy.
  public static func render(_ report: RunReport, plans: [QCNPELayerPlan], kind: Kind = .compute) -> String {
    var lines = [kind == .compute ? header : kind == .bandwidth ? bandwidthHeader : accessHeader]
    var layerID = 0
    for (layer, plan) in zip(report.layers, plans) {
      guard case .gemm(let gemm) = plan else { continue }
      defer { layerID += 1 }
      let items: [String]
      switch kind {
      case .compute: items = computeItems(layer, gemm)
      case .bandwidth:
        guard let memory = layer.memory else { continue }
        items = bandwidthItems(memory, gemm)
      case .access:
        guard let memory = layer.memory else { continue }
        items = accessItems(memory, gemm)
      }
      lines.append(([String(layerID)] + items).joined(separator: ", ") + ",")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// SCALE-Sim's Total Cycles and Stall Cycles of a layer.
  static func totalAndStallCycles(_ layer: RunReport.LayerLine) -> (total: Int, stall: Int) {
    if let memory = layer.memory { return (memory.lastOutputCycle, memory.dramStallCycles) }
    func phase(_ name: String) -> Int { layer.phases.first { $0.name == name }?.cycles ?? 0 }
    let stallCycles = phase("stall") + phase("drain_wait")
    return (phase("compute") + stallCycles - 1, stallCycles)
  }

  static func computeItems(_ layer: RunReport.LayerLine, _ gemm: GEMMPlan) -> [String] {
    let (totalCycles, stallCycles) = totalAndStallCycles(layer)
    let arrayNCUs = gemm.rows * gemm.cols
    let overallUtilization = Double(layer.figures.macCount * 100) / Double(totalCycles * arrayNCUs)
    let (mappingEfficiency, computeUtilization) = foldAverages(gemm)
    return [
      String(layer.memory?.cyclesIncludingPrefetch ?? totalCycles), String(totalCycles), String(stallCycles),
      python(overallUtilization), python(mappingEfficiency * 100), python(computeUtilization * 100),
    ]
  }

  /// SRAM words per cycle over Total Cycles, DRAM words per cycle over each DRAM's active span.
  static func bandwidthItems(_ memory: RunReport.MemoryLine, _ gemm: GEMMPlan) -> [String] {
    let total = Double(memory.lastOutputCycle)
    let sram = [memory.sramIfmapReads, memory.sramFilterReads, memory.sramOfmapWrites + extraOfmapWrites(gemm)]
    return sram.map { python(Double($0) / total) }
      + [memory.dramIfmapWordsPerCycle, memory.dramFilterWordsPerCycle, memory.dramOfmapWordsPerCycle].map(python)
  }

  /// Start and stop cycles (as Python floats, SCALE-Sim's own type) and counts per SRAM and DRAM.
  static func accessItems(_ memory: RunReport.MemoryLine, _ gemm: GEMMPlan) -> [String] {
    guard let first = memory.groups.first, let last = memory.groups.last else { return [] }
    func span(_ path: KeyPath<MemoryTraffic, CycleSpan?>) -> [String] {
      [python(Double(first[keyPath: path]?.first ?? 0)), python(Double(last[keyPath: path]?.last ?? 0))]
    }
    func span(_ path: KeyPath<MemoryTraffic, CycleSpan>) -> [String] {
      [python(Double(first[keyPath: path].first)), python(Double(last[keyPath: path].last))]
    }
    return span(\.sramIfmapCycles) + [String(memory.sramIfmapReads)] + span(\.sramFilterCycles)
      + [String(memory.sramFilterReads)] + span(\.sramOfmapCycles)
      + [String(memory.sramOfmapWrites + extraOfmapWrites(gemm))] + span(\.dramIfmapCycles)
      + [String(memory.dramIfmapReads)] + span(\.dramFilterCycles) + [String(memory.dramFilterReads)]
      + span(\.dramOfmapCycles) + [String(memory.dramOfmapWrites)]
  }

  /// The write slots SCALE-Sim's output-stationary ofmap demand counts beyond the outputs:
  /// R + C per fold (its demand matrix pads each fold's drain by R + C lines).
  static func extraOfmapWrites(_ plan: GEMMPlan) -> Int {
    plan.dataflow == .outputStationary ? plan.foldCount * (plan.rows + plan.cols) : 0
  }

  /// The mean mapping efficiency and compute utilisation over a layer's folds, summed fold by
  /// fold in SCALE-Sim's order (column folds outer) so the floating-point result is its own.
  static func foldAverages(_ plan: GEMMPlan) -> (mappingEfficiency: Double, computeUtilization: Double) {
    let arrayNCUs = plan.rows * plan.cols
    // SCALE-Sim's ws and is compute models count C − 1 more cycles per fold than the array's
    // fold steps, and their work is the streamed dimension T (M for ws, N for is).
    let foldCycles = plan.dataflow == .outputStationary ? plan.foldCycles : plan.foldCycles + plan.cols - 1
    var mappingSum = 0.0
    var computeSum = 0.0
    for index in 0..<plan.foldCount {
      let fold = plan.fold(index)
      let used = fold.rowsUsed * fold.colsUsed
      mappingSum += Double(used) / Double(arrayNCUs)
      computeSum += Double(used * plan.streamLength) / Double(arrayNCUs * foldCycles)
    }
    let folds = Double(plan.foldCount)
    return (mappingSum / folds, computeSum / folds)
  }

  /// A float as Python's `str` prints it: the shortest text that reads back to the same
  /// value, always with a decimal point or an exponent.
  static func python(_ value: Double) -> String {
    let text = "\(value)"
    return text.contains(".") || text.contains("e") || text.contains("n") || text.contains("i") ? text : text + ".0"
  }
}
