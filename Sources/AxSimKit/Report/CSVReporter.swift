import AxJSON
import Foundation
import SimKernel

/// Renders a report as CSV: one row per layer and a final `total` row, with the cycles of
/// every phase (`cycles.compute`, `cycles.stall`, `cycles.tail`, …) and every component's
/// energy as columns (the same columns in every row).
public enum CSVReporter {
  /// The report as CSV text, after `#` comment lines saying what produced it (read it with
  /// `pandas.read_csv(path, comment="#")`).
  public static func render(_ report: RunReport) -> String {
    let componentNames = report.components.map(\.name)
    let phaseNames = report.phaseNames
    var header = ["layer", "cycles", "stall_cycles", "mac_count", "utilization", "energy_pj", "time_ns", "power_mw"]
    header += phaseNames.map { "cycles." + $0 }
    header += componentNames.map { "energy_pj." + $0 }
    // Memory columns only when a layer ran behind a memory hierarchy, so other reports keep
    // their columns.
    let memoryColumns = report.hasMemory ? RunReport.MemoryLine.columns : []
    header += memoryColumns.map { "memory." + $0.name }
    var lines = ((report.provenance?.summaryLines ?? []) + report.notes.map { "note: " + $0 }).map { "# " + $0 }
    lines.append(header.joined(separator: ","))
    func row(
      _ name: String, _ figures: RunReport.Figures, _ phases: [CyclePhase], _ components: [RunReport.ComponentLine],
      _ memory: RunReport.MemoryLine?
    ) -> String {
      var cells = [
        escape(name), String(figures.cycles), String(figures.stallCycles), String(figures.macCount),
        JSONWriter.format(figures.utilization), JSONWriter.format(figures.energyPJ), JSONWriter.format(figures.timeNS),
        JSONWriter.format(figures.powerMW),
      ]
      for phase in phaseNames { cells.append(String(phases.first { $0.name == phase }?.cycles ?? 0)) }
      for component in componentNames {
        cells.append(JSONWriter.format(components.first { $0.name == component }?.energyPJ ?? 0))
      }
      for column in memoryColumns {
        guard let memory else {
          cells.append("")
          continue
        }
        cells.append(column.isRate ? JSONWriter.format(column.rate(memory)) : String(column.count(memory)))
      }
      return cells.joined(separator: ",")
    }
    let totalPhases = phaseNames.map { name in
      CyclePhase(name, report.layers.reduce(0) { $0 + ($1.phases.first { $0.name == name }?.cycles ?? 0) })
    }
    for layer in report.layers {
      lines.append(row(layer.name, layer.figures, layer.phases, layer.components, layer.memory))
    }
    let totalMemory = RunReport.MemoryLine(report.layers.flatMap { $0.memory?.groups ?? [] })
    lines.append(row("total", report.totals, totalPhases, report.components, totalMemory))
    return lines.joined(separator: "\n") + "\n"
  }

  /// A CSV field, quoted when it holds a comma, quote or newline (RFC 4180).
  public static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
