import AxJSON
import NeuralEngine

/// Writes a method's quality-versus-energy table as CSV and as an SVG chart (accuracy against
/// energy normalised to the exact network), the outputs of every `axsim nn METHOD` command.
enum MethodOutputs {
  /// The CSV: one row per point, energy also normalised to `referenceEnergyPJ`.
  static func csv(_ points: [QualityEnergyPoint], referenceEnergyPJ: Double, hardware: String) -> String {
    var lines = ["method,setting,accuracy,output_error,energy_pj,normalized_energy,hardware"]
    for point in points {
      lines.append(
        [
          CSVReporter.escape(point.method), CSVReporter.escape(point.setting), JSONWriter.format(point.accuracy),
          JSONWriter.format(point.outputError), JSONWriter.format(point.energyPJ),
          JSONWriter.format(referenceEnergyPJ > 0 ? point.energyPJ / referenceEnergyPJ : 0), hardware,
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The chart: held-out accuracy (%) against normalised energy, one line per method.
  static func svg(_ points: [QualityEnergyPoint], referenceEnergyPJ: Double, title: String, hardware: String) -> String {
    var order: [String] = []
    for point in points where !order.contains(point.method) { order.append(point.method) }
    let series = order.map { method in
      LineChart.Series(
        label: method,
        points: points.filter { $0.method == method }.map { point in
          let energy = referenceEnergyPJ > 0 ? point.energyPJ / referenceEnergyPJ : 0
          return (energy, point.accuracy * 100, point.setting)
        })
    }
    var chart = LineChart(
      title: title, xLabel: "energy per inference on \(hardware), normalised to the exact network",
      yLabel: "held-out accuracy (%)",
      series: series, categorical: false)
    chart.zeroBasedY = false
    return chart.svg()
  }
}
