import Foundation

/// A line chart of one or more series over a numeric or categorical horizontal axis, with a
/// title, axis labels with units, and a legend.
struct LineChart {
  struct Series {
    var label: String
    var points: [(x: Double, y: Double, xLabel: String)]
  }

  var title: String
  var xLabel: String
  var yLabel: String
  var series: [Series]
  /// Whether x values are categories (strings) placed at equal spacing.
  var categorical: Bool
  /// Whether the vertical axis starts at zero (energies, cycles); false fits it to the data
  /// with a margin, for quantities such as accuracy whose differences matter more than their
  /// distance from zero.
  var zeroBasedY = true

  func svg() -> String {
    let width = 820.0
    let legendColumns = series.contains { $0.label.count > 40 } ? 1 : 2
    let legendHeight = Double((series.count + legendColumns - 1) / legendColumns) * 18 + 10
    let height = 480.0 + legendHeight
    let left = 90.0
    let right = 30.0
    let top = 50.0
    let plotHeight = 340.0
    let plotWidth = width - left - right
    var canvas = SVGCanvas(width: width, height: height)
    canvas.text(title, x: width / 2, y: 28, size: 16, anchor: .middle, bold: true)

    let xs = series.flatMap { $0.points.map(\.x) }
    let ys = series.flatMap { $0.points.map(\.y) }
    guard let minX = xs.min(), let maxX = xs.max(), let maxY0 = ys.max(), let minY0 = ys.min() else {
      canvas.text("no data", x: width / 2, y: height / 2, anchor: .middle)
      return canvas.document
    }
    let logX = !categorical && minX > 0 && maxX / minX >= 16
    let logY = minY0 > 0 && maxY0 / minY0 >= 1000
    let margin = zeroBasedY || logY ? 0 : max((maxY0 - minY0) * 0.1, abs(maxY0) * 1e-3, 1e-9)
    let minY = logY ? minY0 : zeroBasedY ? min(0, minY0) : minY0 - margin
    let maxY = maxY0 == minY ? minY + 1 : maxY0 + margin
    func px(_ x: Double) -> Double {
      if minX == maxX { return left + plotWidth / 2 }
      let t = logX ? (log(x) - log(minX)) / (log(maxX) - log(minX)) : (x - minX) / (maxX - minX)
      return left + 20 + t * (plotWidth - 40)
    }
    func py(_ y: Double) -> Double {
      let t = logY ? (log(y) - log(minY)) / (log(maxY) - log(minY)) : (y - minY) / (maxY - minY)
      return top + plotHeight - t * plotHeight
    }
    canvas.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight)
    canvas.line(x1: left, y1: top, x2: left, y2: top + plotHeight)
    for tick in logY ? AxisTicks.logarithmic(minY, maxY) : AxisTicks.linear(minY, maxY) {
      canvas.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), stroke: "#ddd", dashed: true)
      canvas.text(AxisTicks.label(tick), x: left - 8, y: py(tick) + 4, size: 11, anchor: .end)
    }
    if categorical {
      for point in series.first?.points ?? [] {
        canvas.text(point.xLabel, x: px(point.x), y: top + plotHeight + 18, size: 11, anchor: .middle)
      }
    } else {
      for tick in logX ? AxisTicks.logarithmic(minX, maxX) : AxisTicks.linear(minX, maxX) {
        canvas.line(x1: px(tick), y1: top + plotHeight, x2: px(tick), y2: top + plotHeight + 5)
        canvas.text(AxisTicks.label(tick), x: px(tick), y: top + plotHeight + 18, size: 11, anchor: .middle)
      }
    }
    canvas.text(
      xLabel + (logX ? " (log scale)" : ""), x: left + plotWidth / 2, y: top + plotHeight + 42, size: 13, anchor: .middle)
    canvas.text(yLabel + (logY ? " (log scale)" : ""), x: 22, y: top + plotHeight / 2, size: 13, anchor: .middle, rotate: -90)
    for (index, entry) in series.enumerated() {
      let color = SVGCanvas.color(index)
      let points = entry.points.sorted { $0.x < $1.x }.map { (px($0.x), py($0.y)) }
      if points.count > 1 { canvas.polyline(points, stroke: color) }
      for (point, original) in zip(points, entry.points.sorted { $0.x < $1.x }) {
        canvas.circle(
          x: point.0, y: point.1, radius: 3.5, fill: color,
          title: "\(entry.label): \(original.xLabel) → \(AxisTicks.label(original.y))")
      }
      let column = Double(index % legendColumns)
      let row = Double(index / legendColumns)
      let legendX = left + column * plotWidth / Double(legendColumns)
      let legendY = top + plotHeight + 62 + row * 18
      canvas.rect(x: legendX, y: legendY - 10, width: 12, height: 12, fill: color)
      let label = entry.label.count > 100 ? String(entry.label.prefix(99)) + "…" : entry.label
      canvas.text(label, x: legendX + 18, y: legendY, size: 12)
    }
    return canvas.document
  }
}
