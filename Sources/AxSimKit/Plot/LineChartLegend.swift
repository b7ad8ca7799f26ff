/// A line chart's legend: for each series a sample of its line (colour and dash pattern) with
/// its marker, and its label (which says when it covers an earlier series), in one or two columns.
struct LineChartLegend {
  var series: [String]
  /// The width available, in pixels.
  var width: Double
  /// What the labels name ("trace, flexflow.dataflow"), on a line above the entries.
  var title: String?

  static let rowHeight = 18.0
  static let fontSize = 12.0
  /// Labels longer than this are cut with an ellipsis (the tooltip keeps the full text).
  static let longestLabel = 100

  var columns: Int {
    let widest = series.map { SVGCanvas.textWidth($0, size: Self.fontSize) }.max() ?? 0
    return widest + 60 <= width / 2 ? 2 : 1
  }

  var height: Double { Double((series.count + columns - 1) / columns + (title == nil ? 0 : 1)) * Self.rowHeight }

  func draw(on canvas: inout SVGCanvas, left: Double, top: Double) {
    let columns = columns
    let columnWidth = width / Double(columns)
    var top = top
    if let title {
      canvas.text(title + ":", x: left, y: top, size: Self.fontSize, bold: true)
      top += Self.rowHeight
    }
    for (index, label) in series.enumerated() {
      let x = left + Double(index % columns) * columnWidth
      let y = top + Double(index / columns) * Self.rowHeight
      let color = SVGCanvas.color(index)
      canvas.polyline([(x, y - 4), (x + 30, y - 4)], stroke: color, width: 2, dashes: MarkerShape.dashes(index))
      canvas.marker(MarkerShape.forSeries(index), x: x + 15, y: y - 4, color: color)
      var shown = label
      while shown.count > 12,
        shown.count > Self.longestLabel || SVGCanvas.textWidth(shown, size: Self.fontSize) > columnWidth - 44
      {
        shown = String(shown.dropLast(2)) + "…"
      }
      canvas.text(shown, x: x + 38, y: y, size: Self.fontSize, title: shown == label ? nil : label)
    }
  }
}
