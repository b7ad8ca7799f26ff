import Foundation

/// The chart of `axsim run --plot`: energy and utilisation per layer, and the run's energy shares.
///
/// Each layer's energy is stacked by component and, on the same layer axis below, each layer's
/// utilisation; then the whole run's energy shares and a legend that gives every component's
/// share and energy. Layer labels turn upright and thin out as layers multiply, so a 54-layer
/// ResNet-50 still reads.
enum ReportChart {
  /// Pixels per layer the chart aims for; it widens up to `widestPlot` before bars narrow.
  static let pixelsPerLayer = 18.0
  static let narrowestPlot = 760.0
  static let widestPlot = 1500.0

  static func svg(_ report: RunReport) -> String {
    let components = report.components.map(\.name)
    let layers = report.layers
    let left = 100.0
    let plotWidth = min(widestPlot, max(narrowestPlot, Double(layers.count) * pixelsPerLayer))
    let width = left + plotWidth + 40
    let energyFrame = PlotFrame(left: left, top: 74, width: plotWidth, height: 290)
    let utilizationFrame = PlotFrame(left: left, top: energyFrame.bottom + 36, width: plotWidth, height: 110)
    let slot = plotWidth / Double(max(1, layers.count))
    let barWidth = min(60, max(1, slot * 0.72))
    let centers = layers.indices.map { left + slot * (Double($0) + 0.5) }
    let labelLayout = AxisLabelLayout.choose(layers.map(\.name), spacing: slot)
    let breakdownTop = utilizationFrame.bottom + labelLayout.depth + 70
    let legend = ComponentLegend(report: report, width: plotWidth)
    let legendTop = breakdownTop + 56
    var canvas = SVGCanvas(width: width, height: legendTop + legend.height + 10)
    let heading = "\(report.model.uppercased()) · \(report.network) · \(report.configName)"
    let energy = AxisUnit.picojoules
    let totals =
      "total \(energy.format(report.totals.energyPJ)) · \(AxisUnit.milliwatts.format(report.totals.powerMW)) · \(TextReporter.grouped(report.totals.cycles)) cycles · utilization \(AxisUnit.percent.format(report.totals.utilization * 100)) · \(layers.count) layers"
    canvas.title = heading
    canvas.summary =
      "Energy per layer stacked by component, utilization per layer, and the whole run's energy by component. \(totals)."
    canvas.text(heading, x: width / 2, y: 26, size: 16, anchor: .middle, bold: true)
    canvas.text(totals, x: width / 2, y: 46, size: 12, anchor: .middle)

    // Panel 1: energy per layer, stacked by component, on an axis from zero.
    let energyAxis = ValueAxis.fromZero(
      maximum: layers.map(\.figures.energyPJ).max() ?? 0, quantity: "energy per layer", unit: energy)
    canvas.verticalAxis(energyAxis, frame: energyFrame, titleX: 24)
    canvas.line(x1: left, y1: energyFrame.bottom, x2: energyFrame.right, y2: energyFrame.bottom)
    for (index, layer) in layers.enumerated() {
      let x = centers[index] - barWidth / 2
      var base = 0.0
      for (componentIndex, name) in components.enumerated() {
        let part = layer.components.first { $0.name == name }?.energyPJ ?? 0
        guard part > 0 else { continue }
        let bottom = energyFrame.y(base, on: energyAxis)
        let top = energyFrame.y(base + part, on: energyAxis)
        let share = layer.figures.energyPJ > 0 ? part / layer.figures.energyPJ * 100 : 0
        base += part
        // A segment under 0.05 px can be neither seen nor pointed at: the legend has its total.
        guard bottom - top >= 0.05 else { continue }
        canvas.rect(
          x: x, y: top, width: barWidth, height: bottom - top,
          fill: SVGCanvas.color(componentIndex),
          title: "\(layer.name) · \(name): \(energy.format(part)) (\(AxisUnit.percent.format(share)) of the layer)")
      }
    }

    // Panel 2: utilisation per layer, 0…100 %, sharing the layer axis.
    let utilizationAxis = ValueAxis.linear(0, 100, step: 50, quantity: "utilization", unit: .percent)
    canvas.verticalAxis(utilizationAxis, frame: utilizationFrame, titleX: 24)
    canvas.line(x1: left, y1: utilizationFrame.bottom, x2: utilizationFrame.right, y2: utilizationFrame.bottom)
    for (index, layer) in layers.enumerated() {
      let value = layer.figures.utilization * 100
      let top = utilizationFrame.y(value, on: utilizationAxis)
      canvas.rect(
        x: centers[index] - barWidth / 2, y: top, width: barWidth, height: utilizationFrame.bottom - top, fill: "#4e79a7",
        title: "\(layer.name): utilization \(AxisUnit.percent.format(value)) of \(report.processingElements) PEs")
    }
    canvas.horizontalLabels(layers.map(\.name), at: centers, layout: labelLayout, axisY: utilizationFrame.bottom)
    let thinned = labelLayout.shown.count < layers.count ? " (every \(thinningStride(labelLayout.shown)) labelled)" : ""
    canvas.text(
      "layer\(thinned)", x: left + plotWidth / 2, y: utilizationFrame.bottom + labelLayout.depth + 20, size: 13,
      anchor: .middle)

    // Panel 3: the whole run's breakdown as one bar of shares.
    canvas.text("whole run: share of energy by component (%)", x: left, y: breakdownTop - 10, size: 13)
    var offset = 0.0
    for (componentIndex, line) in report.components.enumerated() where line.share > 0 {
      let barLength = line.share * plotWidth
      canvas.rect(
        x: left + offset, y: breakdownTop, width: barLength, height: 24, fill: SVGCanvas.color(componentIndex),
        title: "\(line.name): \(legend.describe(line))")
      let label = AxisUnit.percent.format(line.share * 100, digits: 2)
      if barLength > SVGCanvas.textWidth(label, size: 10) + 6 {
        canvas.text(label, x: left + offset + barLength / 2, y: breakdownTop + 16, size: 10, anchor: .middle)
      }
      offset += barLength
    }
    legend.draw(on: &canvas, left: left, top: legendTop)
    return canvas.document
  }

  /// The step between shown labels (the smallest gap, since the last one may be closer).
  static func thinningStride(_ shown: [Int]) -> Int { zip(shown, shown.dropFirst()).map { $1 - $0 }.min() ?? 1 }
}

/// The report chart's legend: a swatch per component with its share of the run's energy and
/// its energy, so components too small to see in the bars are still read.
struct ComponentLegend {
  var report: RunReport
  var width: Double
  static let rowHeight = 20.0

  var columns: Int {
    let widest = report.components.map { SVGCanvas.textWidth(entry($0), size: 12) }.max() ?? 0
    return max(1, min(3, Int(width / (widest + 40))))
  }

  var height: Double { Double((report.components.count + columns - 1) / columns) * Self.rowHeight }

  func describe(_ line: RunReport.ComponentLine) -> String {
    "\(share(line)) · \(AxisUnit.picojoules.format(line.energyPJ, keepZeros: true)) · \(AxisUnit.milliwatts.format(line.powerMW, keepZeros: true))"
  }

  func entry(_ line: RunReport.ComponentLine) -> String {
    "\(line.name): \(share(line)) · \(AxisUnit.picojoules.format(line.energyPJ, keepZeros: true))"
  }

  func share(_ line: RunReport.ComponentLine) -> String {
    guard line.share == 0 || line.share >= 1e-5 else { return "< 0.001 %" }
    return AxisUnit.percent.format(line.share * 100, digits: line.share < 0.01 ? 2 : 3, keepZeros: true)
  }

  func draw(on canvas: inout SVGCanvas, left: Double, top: Double) {
    let columns = columns
    for (index, line) in report.components.enumerated() {
      let x = left + Double(index % columns) * width / Double(columns)
      let y = top + Double(index / columns) * Self.rowHeight
      canvas.rect(x: x, y: y - 10, width: 12, height: 12, fill: SVGCanvas.color(index))
      canvas.text(entry(line), x: x + 18, y: y, size: 12, title: "\(line.name): \(describe(line))")
    }
  }
}
