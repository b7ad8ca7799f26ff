import QCNPE

/// Renders a QCNPE run as SCALE-Sim's `COMPUTE_REPORT.csv`: the same header, column order,
/// units and number formatting (Python's `str` of an int or a float), so scripts written
/// for SCALE-Sim read it unchanged (docs/scalesim.md).
///
/// SCALE-Sim's definitions, taken from its output-stationary model (scale-sim v2/v3
/// `compute/systolic_compute_os.py`, `single_layer_sim.py`) and checked against its runs:
/// - Total Cycles: the zero-based stamp of a layer's last cycle, i.e. our compute, stall and
///   drain-wait cycles minus one; the AFU tail has no counterpart there and is left out.
/// - Stall Cycles: cycles the array waited for operands (our `stall` and `drain_wait`).
/// - Overall Util %: MACs × 100 / (Total Cycles × R × C).
/// - Mapping Efficiency %: the mean over folds of the fraction of NCUs a fold maps work to.
/// - Compute Util %: the mean over folds of MACs / (R × C × (K + R + C − 2)).
/// - Total Cycles (incl. prefetch): SCALE-Sim adds the DRAM prefetch before the first fold
///   and the write-back after the last; AxSim has no DRAM model, so it equals Total Cycles.
///
/// Pooling layers, which a SCALE-Sim topology cannot hold, are left out; `LayerID` counts
/// the array layers in trace order.
public enum ScaleSimReporter {
  /// SCALE-Sim's header line, byte for byte (trailing comma included).
  public static let header =
    "LayerID, Total Cycles (incl. prefetch), Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,"

  /// The report's layers as COMPUTE_REPORT.csv text; `plans` are the run's QCNPE plans, one
  /// per report layer.
  public static func render(_ report: RunReport, plans: [QCNPELayerPlan]) -> String {
    var lines = [header]
    var layerID = 0
    for (layer, plan) in zip(report.layers, plans) {
      guard case .gemm(let gemm) = plan else { continue }
      func phase(_ name: String) -> Int { layer.phases.first { $0.name == name }?.cycles ?? 0 }
      let stallCycles = phase("stall") + phase("drain_wait")
      let totalCycles = phase("compute") + stallCycles - 1
      let arrayNCUs = gemm.rows * gemm.cols
      let overallUtilization = Double(layer.figures.macCount * 100) / Double(totalCycles * arrayNCUs)
      let (mappingEfficiency, computeUtilization) = foldAverages(gemm)
      let items = [
        String(layerID), String(totalCycles), String(totalCycles), String(stallCycles), python(overallUtilization),
        python(mappingEfficiency * 100), python(computeUtilization * 100),
      ]
      lines.append(items.joined(separator: ", ") + ",")
      layerID += 1
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The mean mapping efficiency and compute utilisation over a layer's folds, summed fold by
  /// fold in SCALE-Sim's order (column folds outer) so the floating-point result is its own.
  static func foldAverages(_ plan: GEMMPlan) -> (mappingEfficiency: Double, computeUtilization: Double) {
    let arrayNCUs = plan.rows * plan.cols
    let foldCycles = plan.foldCycles
    var mappingSum = 0.0
    var computeSum = 0.0
    for index in 0..<plan.foldCount {
      let fold = plan.fold(index)
      let used = fold.rowsUsed * fold.colsUsed
      mappingSum += Double(used) / Double(arrayNCUs)
      computeSum += Double(used * plan.shape.k) / Double(arrayNCUs * foldCycles)
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
