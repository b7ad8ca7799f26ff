import Foundation

/// The chart of a sweep: the metric against the chart key, a line per other swept combination.
///
/// A swept seed (`seed`, `gpu.seed`) does not split lines: its points are averaged, with error
/// bars of one standard deviation.
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
    // points; seeds are averaged over; every other swept key splits the points into series.
    let otherKeys = (2..<firstFigure).filter { $0 != xColumn && $0 != 1 && !oneToOne(table, $0, xColumn) }
    let seedKeys = otherKeys.filter { isSeed(table.header[$0]) }
    let splittingKeys = otherKeys.filter { !seedKeys.contains($0) }
    let categorical = table.rows.contains { Double($0[xColumn]) == nil }
    var categories: [String] = []
    var seriesOrder: [String] = []
    var pointOrder: [String: [String]] = [:]
    var samples: [String: [String: [Double]]] = [:]
    for row in table.rows {
      let label =
        splittingKeys.isEmpty
        ? quantity(metric) : splittingKeys.map { shortened(row[$0]) }.joined(separator: ", ")
      if samples[label] == nil {
        seriesOrder.append(label)
        samples[label] = [:]
      }
      let xText = row[xColumn]
      if categorical && !categories.contains(xText) { categories.append(xText) }
      if samples[label]?[xText] == nil { pointOrder[label, default: []].append(xText) }
      var y = Double(row[yColumn]) ?? 0
      if metric == "utilization" { y *= 100 }
      samples[label]?[xText, default: []].append(y)
    }
    let series = seriesOrder.map { label in
      LineChart.Series(
        label: label,
        points: (pointOrder[label] ?? []).map { xText in
          let values = samples[label]?[xText] ?? []
          let x = categorical ? Double(categories.firstIndex(of: xText) ?? 0) : Double(xText) ?? 0
          let (mean, deviation) = meanAndDeviation(values)
          return LineChart.Point(x: x, y: mean, xLabel: shortened(xText), spread: values.count > 1 ? deviation : nil)
        })
    }
    var chart = LineChart(
      title: title, xQuantity: chartKey, yQuantity: quantity(metric), yUnit: unit(metric), series: series,
      horizontalAxis: categorical ? .categorical : .atValues)
    if !splittingKeys.isEmpty { chart.legendTitle = splittingKeys.map { table.header[$0] }.joined(separator: ", ") }
    if !seedKeys.isEmpty {
      let names = seedKeys.map { table.header[$0] }.joined(separator: ", ")
      let seeds = Set(table.rows.map { row in seedKeys.map { row[$0] }.joined(separator: ",") }).count
      chart.spreadNote = "each point: mean over \(seeds) values of \(names); error bars: ± 1 standard deviation"
    }
    return chart.svg()
  }

  /// Whether a swept key is a random seed, whose values are samples rather than settings.
  static func isSeed(_ key: String) -> Bool { key == "seed" || key.hasSuffix(".seed") }

  /// The mean and the sample standard deviation (n − 1) of `values`.
  static func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double) {
    guard !values.isEmpty else { return (0, 0) }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return (mean, 0) }
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (squares / Double(values.count - 1)).squareRoot())
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

  /// What a metric measures, without its unit: the chart puts the unit, with a prefix that
  /// suits the values, on the axis.
  static func quantity(_ metric: String) -> String {
    switch metric {
    case "energy_pj": return "energy"
    case "power_mw": return "average power"
    case "time_ns": return "time"
    case "utilization": return "utilization"
    case "cycles": return "cycles"
    case "stall_cycles": return "stall cycles"
    default: return metric
    }
  }

  /// The unit of a metric's column.
  static func unit(_ metric: String) -> AxisUnit {
    switch metric {
    case "energy_pj": return .picojoules
    case "power_mw": return .milliwatts
    case "time_ns": return .nanoseconds
    case "utilization": return .percent
    case "cycles", "stall_cycles", "mac_count": return .count
    default: return metric.hasPrefix("energy_pj.") ? .picojoules : .plain
    }
  }

  /// A file path shortened to its file name for labels.
  static func shortened(_ text: String) -> String {
    guard text.contains("/") else { return text }
    return String(text.split(separator: "/").last ?? Substring(text))
  }
}
