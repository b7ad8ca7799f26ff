import AxJSON
import NeuralEngine

/// Writes a method's quality-versus-energy table as CSV and as an SVG chart (accuracy against
/// energy normalised to the exact network), the outputs of every `axsim nn METHOD` command.
enum MethodOutputs {
  /// The CSV: one row per point, energy also normalised to `referenceEnergyPJ`; a point that is
  /// a mean over seeded runs gives the runs' standard deviation and their count.
  static func csv(_ points: [QualityEnergyPoint], referenceEnergyPJ: Double, hardware: String) -> String {
    var lines = ["method,setting,accuracy,accuracy_std,runs,output_error,energy_pj,normalized_energy,hardware"]
    for point in points {
      lines.append(
        [
          CSVReporter.escape(point.method), CSVReporter.escape(point.setting), JSONWriter.format(point.accuracy),
          JSONWriter.format(point.accuracyStandardDeviation), String(point.runs), JSONWriter.format(point.outputError),
          JSONWriter.format(point.energyPJ), JSONWriter.format(referenceEnergyPJ > 0 ? point.energyPJ / referenceEnergyPJ : 0),
          hardware,
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The chart: held-out accuracy (%) against normalised energy, one line per method.
  ///
  /// A point that is a mean over runs has an error bar of one standard deviation. Both axes are
  /// zoomed to the points (savings of a few per cent would vanish on axes from zero), and the
  /// chart says where each starts.
  static func svg(_ points: [QualityEnergyPoint], referenceEnergyPJ: Double, title: String, hardware: String) -> String {
    var order: [String] = []
    for point in points where !order.contains(point.method) { order.append(point.method) }
    let series = order.map { method in
      LineChart.Series(
        label: method,
        points: points.filter { $0.method == method }.map { point in
          LineChart.Point(
            x: referenceEnergyPJ > 0 ? point.energyPJ / referenceEnergyPJ : 0, y: point.accuracy * 100,
            xLabel: point.setting, spread: point.runs > 1 ? point.accuracyStandardDeviation * 100 : nil)
        })
    }
    var chart = LineChart(
      title: title, xQuantity: "energy per inference on \(hardware), normalised to the exact network", xUnit: .plain,
      yQuantity: "held-out accuracy", yUnit: .percent, series: series, horizontalAxis: .continuous)
    chart.zeroBasedY = false
    chart.dodgePixels = 5
    let runs = points.filter { $0.runs > 1 && $0.accuracyStandardDeviation > 0 }.map(\.runs)
    if let most = runs.max() {
      let count = runs.min() == most ? "\(most)" : "\(runs.min() ?? most)…\(most)"
      chart.spreadNote = "points with random faults: mean of \(count) seeded runs; error bars: ± 1 standard deviation"
    }
    return chart.svg()
  }
}
