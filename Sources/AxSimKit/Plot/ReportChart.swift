/// `axsim run --plot`: the energy of every layer stacked by component, the whole run's
/// breakdown, and each layer's utilisation, as one SVG with labelled axes and a legend.
enum ReportChart {
  static func svg(_ report: RunReport) -> String {
    let components = report.components.map(\.name)
    let layers = report.layers
    let width = 900.0
    let left = 110.0
    let right = 40.0
    let plotWidth = width - left - right
    let barPanelTop = 70.0
    let barPanelHeight = 300.0
    let utilizationTop = barPanelTop + barPanelHeight + 90
    let utilizationHeight = 140.0
    let breakdownTop = utilizationTop + utilizationHeight + 80
    let legendTop = breakdownTop + 60
    let legendRows = Double((components.count + 2) / 3)
    let height = legendTop + legendRows * 20 + 20
    var canvas = SVGCanvas(width: width, height: height)
    canvas.text(
      "\(report.model.uppercased()) · \(report.network) · \(report.configName)", x: width / 2, y: 26, size: 16, anchor: .middle,
      bold: true)
    canvas.text(
      "total \(AxisTicks.label(report.totals.energyPJ)) pJ · \(AxisTicks.label(report.totals.powerMW)) mW · \(TextReporter.grouped(report.totals.cycles)) cycles · utilization \(AxisTicks.label(report.totals.utilization * 100))%",
      x: width / 2, y: 46, size: 12, anchor: .middle)

    // Panel 1: energy per layer, stacked by component.
    let slot = plotWidth / Double(max(1, layers.count))
    let barWidth = min(60, slot * 0.7)
    let maxEnergy = max(layers.map(\.figures.energyPJ).max() ?? 1, 1e-12)
    var energyTicks = AxisTicks.linear(0, maxEnergy)
    if let last = energyTicks.last, energyTicks.count > 1, last < maxEnergy {
      energyTicks.append(last + (last - energyTicks[energyTicks.count - 2]))
    }
    let energyTop = max(maxEnergy, energyTicks.last ?? maxEnergy)
    func energyY(_ value: Double) -> Double { barPanelTop + barPanelHeight - value / energyTop * barPanelHeight }
    for tick in energyTicks {
      canvas.line(x1: left, y1: energyY(tick), x2: left + plotWidth, y2: energyY(tick), stroke: "#ddd", dashed: true)
      canvas.text(AxisTicks.label(tick), x: left - 8, y: energyY(tick) + 4, size: 11, anchor: .end)
    }
    canvas.line(x1: left, y1: barPanelTop, x2: left, y2: barPanelTop + barPanelHeight)
    canvas.line(x1: left, y1: barPanelTop + barPanelHeight, x2: left + plotWidth, y2: barPanelTop + barPanelHeight)
    canvas.text("energy per layer (pJ)", x: 24, y: barPanelTop + barPanelHeight / 2, size: 13, anchor: .middle, rotate: -90)
    for (index, layer) in layers.enumerated() {
      let x = left + slot * (Double(index) + 0.5) - barWidth / 2
      var base = 0.0
      for (componentIndex, name) in components.enumerated() {
        let energy = layer.components.first { $0.name == name }?.energyPJ ?? 0
        guard energy > 0 else { continue }
        canvas.rect(
          x: x, y: energyY(base + energy), width: barWidth, height: energyY(base) - energyY(base + energy),
          fill: SVGCanvas.color(componentIndex), title: "\(layer.name) · \(name): \(AxisTicks.label(energy)) pJ")
        base += energy
      }
      canvas.text(layer.name, x: x + barWidth / 2, y: barPanelTop + barPanelHeight + 16, size: 11, anchor: .middle)
    }
    canvas.text("layer", x: left + plotWidth / 2, y: barPanelTop + barPanelHeight + 38, size: 13, anchor: .middle)

    // Panel 2: utilisation per layer.
    func utilizationY(_ value: Double) -> Double { utilizationTop + utilizationHeight - value / 100 * utilizationHeight }
    for tick in [0.0, 25, 50, 75, 100] {
      canvas.line(x1: left, y1: utilizationY(tick), x2: left + plotWidth, y2: utilizationY(tick), stroke: "#ddd", dashed: true)
      canvas.text(AxisTicks.label(tick), x: left - 8, y: utilizationY(tick) + 4, size: 11, anchor: .end)
    }
    canvas.line(x1: left, y1: utilizationTop, x2: left, y2: utilizationTop + utilizationHeight)
    canvas.line(x1: left, y1: utilizationTop + utilizationHeight, x2: left + plotWidth, y2: utilizationTop + utilizationHeight)
    canvas.text("utilization (%)", x: 24, y: utilizationTop + utilizationHeight / 2, size: 13, anchor: .middle, rotate: -90)
    for (index, layer) in layers.enumerated() {
      let x = left + slot * (Double(index) + 0.5) - barWidth / 2
      let value = layer.figures.utilization * 100
      canvas.rect(
        x: x, y: utilizationY(value), width: barWidth, height: utilizationY(0) - utilizationY(value), fill: "#4e79a7",
        title: "\(layer.name): \(AxisTicks.label(value))% of \(report.processingElements) PEs")
      canvas.text(layer.name, x: x + barWidth / 2, y: utilizationTop + utilizationHeight + 16, size: 11, anchor: .middle)
    }
    canvas.text("layer", x: left + plotWidth / 2, y: utilizationTop + utilizationHeight + 38, size: 13, anchor: .middle)

    // Panel 3: the whole run's breakdown as one bar of shares.
    canvas.text("whole run, share of energy (%)", x: left, y: breakdownTop - 10, size: 13)
    var offset = 0.0
    for (componentIndex, line) in report.components.enumerated() where line.share > 0 {
      let barLength = line.share * plotWidth
      canvas.rect(
        x: left + offset, y: breakdownTop, width: barLength, height: 24, fill: SVGCanvas.color(componentIndex),
        title:
          "\(line.name): \(AxisTicks.label(line.share * 100))%, \(AxisTicks.label(line.energyPJ)) pJ, \(AxisTicks.label(line.powerMW)) mW"
      )
      if barLength > 34 {
        canvas.text(
          AxisTicks.label(line.share * 100) + "%", x: left + offset + barLength / 2, y: breakdownTop + 16, size: 10,
          anchor: .middle)
      }
      offset += barLength
    }

    // Legend: one swatch per component, three columns.
    for (index, name) in components.enumerated() {
      let x = left + Double(index % 3) * plotWidth / 3
      let y = legendTop + Double(index / 3) * 20
      canvas.rect(x: x, y: y - 10, width: 12, height: 12, fill: SVGCanvas.color(index))
      canvas.text(name, x: x + 18, y: y, size: 12)
    }
    return canvas.document
  }
}
