import Foundation

/// Renders a report as aligned text tables for a terminal.
public enum TextReporter {
  /// The report as text: a header saying what produced it, the totals, the energy per
  /// component and the layers, each quantity in the SI unit that suits its magnitude.
  public static func render(_ report: RunReport) -> String {
    var out = ""
    out +=
      "AxSim \(report.model.uppercased()) · \(report.network) · \(report.configName) · \(report.fidelity.rawValue) fidelity\n"
    for line in report.provenance?.summaryLines ?? ["energy table \(report.energyTable)"] { out += line + "\n" }
    out += "\(grouped(report.processingElements)) PEs at \(format(report.clockMHz, decimals: 0)) MHz\n"
    for note in report.notes { out += "note: " + note + "\n" }
    out += "\n"
    let totals = report.totals
    let energyUnits = DisplayUnit.energyUnits
    let powerUnits = DisplayUnit.powerUnits
    let timeNS = totals.timeNS
    let time =
      timeNS >= 1e9
      ? format(timeNS / 1e9, decimals: 3) + " s"
      : timeNS >= 1e6 ? format(timeNS / 1e6, decimals: 3) + " ms" : format(timeNS / 1000, decimals: 3) + " µs"
    out += "cycles \(grouped(totals.cycles))  stalls \(grouped(totals.stallCycles))  time \(time)  "
    out += "energy \(DisplayUnit.forValue(totals.energyPJ, among: energyUnits).formatWithSymbol(totals.energyPJ))  "
    out += "power \(DisplayUnit.forValue(totals.powerMW, among: powerUnits).formatWithSymbol(totals.powerMW, decimals: 2))  "
    out += "utilization \(format(totals.utilization * 100, decimals: 1))%\n\n"

    let energy = DisplayUnit.forColumn(maximum: totals.energyPJ, among: energyUnits)
    let power = DisplayUnit.forColumn(maximum: totals.powerMW, among: powerUnits)
    var componentRows = report.components.map { line in
      [line.name, energy.format(line.energyPJ), power.format(line.powerMW), format(line.share * 100, decimals: 1) + "%"]
    }
    componentRows.append(["total", energy.format(totals.energyPJ), power.format(totals.powerMW), "100.0%"])
    out += table(
      header: ["component", "energy (\(energy.symbol))", "power (\(power.symbol))", "share"], rows: componentRows,
      separatorBeforeLast: true)
    out += "\n" + groupsLine(report) + "\n\n"
    let layerEnergy = DisplayUnit.forColumn(
      maximum: report.layers.map(\.figures.energyPJ).max() ?? 0, among: energyUnits)
    let layerPower = DisplayUnit.forColumn(maximum: report.layers.map(\.figures.powerMW).max() ?? 0, among: powerUnits)
    // Cycle accounting: every phase as a column (compute, stall, tail, …), so a run's cycles
    // can be compared phase by phase with another simulator's.
    let phaseNames = report.phaseNames
    let showsStalls = !phaseNames.contains("stall")
    let layerRows = report.layers.map { layer in
      [layer.name, grouped(layer.figures.cycles)]
        + phaseNames.map { name in grouped(layer.phases.first { $0.name == name }?.cycles ?? 0) }
        + (showsStalls ? [grouped(layer.figures.stallCycles)] : [])
        + [
          format(layer.figures.utilization * 100, decimals: 1) + "%", layerEnergy.format(layer.figures.energyPJ),
          layerPower.format(layer.figures.powerMW),
        ]
    }
    out += table(
      header: ["layer", "cycles"] + phaseNames + (showsStalls ? ["stalls"] : [])
        + ["util", "energy (\(layerEnergy.symbol))", "power (\(layerPower.symbol))"],
      rows: layerRows, separatorBeforeLast: false)
    if report.hasMemory { out += "\n" + memoryTable(report) }
    return out
  }

  /// The memory hierarchy's traffic per layer, in words, and the DRAM's average words per
  /// cycle (SCALE-Sim's bandwidth report), with the cycles including the DRAM prefetch.
  static func memoryTable(_ report: RunReport) -> String {
    let rows = report.layers.compactMap { layer -> [String]? in
      guard let memory = layer.memory else { return nil }
      return [
        layer.name, grouped(memory.cyclesIncludingPrefetch), grouped(memory.dramStallCycles),
        grouped(memory.sramIfmapReads), grouped(memory.sramFilterReads), grouped(memory.sramOfmapWrites),
        grouped(memory.dramIfmapReads), grouped(memory.dramFilterReads), grouped(memory.dramOfmapWrites),
        [memory.dramIfmapWordsPerCycle, memory.dramFilterWordsPerCycle, memory.dramOfmapWordsPerCycle].map {
          format($0, decimals: 2)
        }.joined(separator: "/"),
      ]
    }
    return table(
      header: [
        "memory", "cycles incl. prefetch", "dram stalls", "sram ifmap rd", "sram filter rd", "sram ofmap wr",
        "dram ifmap rd", "dram filter rd", "dram ofmap wr", "dram words/cycle i/f/o",
      ], rows: rows, separatorBeforeLast: false)
  }

  /// The report's groups on one line: `groups: engine 611.2 mW (95.1%) · sram ...`.
  static func groupsLine(_ report: RunReport) -> String {
    let power = DisplayUnit.forColumn(maximum: report.groups.map(\.powerMW).max() ?? 0, among: DisplayUnit.powerUnits)
    return "groups: "
      + report.groups.map { "\($0.name) \(power.formatWithSymbol($0.powerMW)) (\(format($0.share * 100, decimals: 1))%)" }
      .joined(separator: " · ")
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
