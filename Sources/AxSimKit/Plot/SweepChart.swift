/// The chart of a sweep: the chosen metric against the chart key, one line per combination of
/// the other swept keys.
enum SweepChart {
  static func svg(_ table: SweepTable, metric: String, chartKey: String, title: String) throws(AxSimError) -> String {
    guard let xColumn = table.column(chartKey) else {
      throw .usage("the sweep has no column \(chartKey) to chart; swept columns: \(table.header.joined(separator: ", "))")
    }
    guard let yColumn = table.column(metric) else {
      throw .usage("the sweep has no column \(metric) to chart")
    }
    guard let firstFigure = table.column("model") else {
      throw .usage("the sweep table has no figure columns")
    }
    // Keys zipped with the chart key (a one-to-one match with its values) label the same
    // points; every other swept key splits the points into series.
    let otherKeys = (2..<firstFigure).filter { $0 != xColumn && $0 != 1 && !oneToOne(table, $0, xColumn) }
    let categorical = table.rows.contains { Double($0[xColumn]) == nil }
    var categories: [String] = []
    var seriesOrder: [String] = []
    var points: [String: [(x: Double, y: Double, xLabel: String)]] = [:]
    for row in table.rows {
      let label =
        otherKeys.isEmpty ? metric : otherKeys.map { "\(table.header[$0])=\(shortened(row[$0]))" }.joined(separator: ", ")
      if points[label] == nil {
        seriesOrder.append(label)
        points[label] = []
      }
      let xText = row[xColumn]
      let x: Double
      if categorical {
        if !categories.contains(xText) { categories.append(xText) }
        x = Double(categories.firstIndex(of: xText) ?? 0)
      } else {
        x = Double(xText) ?? 0
      }
      var y = Double(row[yColumn]) ?? 0
      if metric == "utilization" { y *= 100 }
      points[label]?.append((x, y, shortened(xText)))
    }
    let chart = LineChart(
      title: title, xLabel: chartKey, yLabel: unitLabel(metric),
      series: seriesOrder.map { LineChart.Series(label: $0, points: points[$0] ?? []) }, categorical: categorical)
    return chart.svg()
  }

  /// Whether column `a`'s values and column `b`'s values determine each other in every row.
  static func oneToOne(_ table: SweepTable, _ a: Int, _ b: Int) -> Bool {
    var forward: [String: String] = [:]
    var backward: [String: String] = [:]
    for row in table.rows {
      if let seen = forward[row[a]], seen != row[b] { return false }
      if let seen = backward[row[b]], seen != row[a] { return false }
      forward[row[a]] = row[b]
      backward[row[b]] = row[a]
    }
    return true
  }

  /// A metric's axis label with its unit.
  static func unitLabel(_ metric: String) -> String {
    switch metric {
    case "energy_pj": return "energy (pJ)"
    case "power_mw": return "average power (mW)"
    case "time_ns": return "time (ns)"
    case "utilization": return "utilization (%)"
    case "cycles": return "cycles"
    case "stall_cycles": return "stall cycles"
    default: return metric
    }
  }

  /// A file path shortened to its file name for labels.
  static func shortened(_ text: String) -> String {
    guard text.contains("/") else { return text }
    return String(text.split(separator: "/").last ?? Substring(text))
  }
}
