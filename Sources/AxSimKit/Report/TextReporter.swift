import Foundation

/// Renders a report as aligned text tables for a terminal.
public enum TextReporter {
  /// The report as text: a header, the energy per component, and the layers.
  public static func render(_ report: RunReport) -> String {
    var out = ""
    out +=
      "AxSim \(report.model.uppercased()) · \(report.network) · \(report.configName) · \(report.fidelity.rawValue) fidelity\n"
    out +=
      "\(report.processingElements) PEs at \(format(report.clockMHz, decimals: 0)) MHz · energy table \(report.energyTable)\n\n"
    let totals = report.totals
    out +=
      "cycles \(grouped(totals.cycles))  stalls \(grouped(totals.stallCycles))  time \(format(totals.timeNS / 1000, decimals: 3)) µs  "
    out += "energy \(format(totals.energyPJ / 1e6, decimals: 4)) µJ  power \(format(totals.powerMW, decimals: 2)) mW  "
    out += "utilization \(format(totals.utilization * 100, decimals: 1))%\n\n"

    var componentRows = report.components.map { line in
      [
        line.name, format(line.energyPJ, decimals: 1), format(line.powerMW, decimals: 3),
        format(line.share * 100, decimals: 1) + "%",
      ]
    }
    componentRows.append(["total", format(totals.energyPJ, decimals: 1), format(totals.powerMW, decimals: 3), "100.0%"])
    out += table(header: ["component", "energy (pJ)", "power (mW)", "share"], rows: componentRows, separatorBeforeLast: true)
    out += "\n" + groupsLine(report) + "\n\n"
    let layerRows = report.layers.map { layer in
      [
        layer.name, grouped(layer.figures.cycles), grouped(layer.figures.stallCycles),
        format(layer.figures.utilization * 100, decimals: 1) + "%", format(layer.figures.energyPJ, decimals: 1),
        format(layer.figures.powerMW, decimals: 3),
      ]
    }
    out += table(
      header: ["layer", "cycles", "stalls", "util", "energy (pJ)", "power (mW)"], rows: layerRows, separatorBeforeLast: false)
    return out
  }

  /// The report's groups on one line: `groups: engine 611.2 mW (95.1%) · sram ...`.
  static func groupsLine(_ report: RunReport) -> String {
    "groups: "
      + report.groups.map { "\($0.name) \(format($0.powerMW, decimals: 3)) mW (\(format($0.share * 100, decimals: 1))%)" }.joined(
        separator: " · ")
  }

  static func table(header: [String], rows: [[String]], separatorBeforeLast: Bool) -> String {
    var widths = header.map(\.count)
    for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return index == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ") + "\n"
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    var out = line(header) + rule
    for (index, row) in rows.enumerated() {
      if separatorBeforeLast, index == rows.count - 1 { out += rule }
      out += line(row)
    }
    return out
  }

  /// A number with a fixed number of decimals (no locale: reports are byte-stable).
  static func format(_ value: Double, decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }

  /// An integer with thin groups of three digits.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }
}
