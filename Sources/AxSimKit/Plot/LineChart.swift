import Foundation

/// A line chart of one or more series: each with its own colour, dash pattern and marker shape
/// (so coinciding series stay visible), error bars where a point is a mean, axes that carry
/// their unit with an SI prefix, and a legend.
struct LineChart {
  /// One plotted point: its position, the label of its x value, and when it is a mean the
  /// half-width of its error bar (one standard deviation), in y's unit.
  struct Point: Equatable {
    var x: Double
    var y: Double
    var xLabel: String
    var spread: Double?

    init(x: Double, y: Double, xLabel: String, spread: Double? = nil) {
      self.x = x
      self.y = y
      self.xLabel = xLabel
      self.spread = spread
    }
  }

  struct Series {
    var label: String
    var points: [Point]
  }

  /// How the horizontal axis is laid out.
  enum HorizontalAxis {
    /// Categories at equal spacing; x is the category's index.
    case categorical
    /// Ticks at the points' own x values (a sweep's settings), logarithmic when they are a
    /// geometric series or span 16× or more.
    case atValues
    /// Ticks at round numbers fitted to the data, not necessarily from zero.
    case continuous
  }

  var title: String
  var xQuantity: String
  var xUnit = AxisUnit.plain
  var yQuantity: String
  var yUnit = AxisUnit.plain
  var series: [Series]
  var horizontalAxis = HorizontalAxis.atValues
  /// Whether the vertical axis keeps zero in range (energies, cycles); false zooms it to the
  /// data (accuracy), and the chart then says where the axis starts.
  var zeroBasedY = true
  /// What the error bars mean ("error bars: ± 1 standard deviation over 50 runs").
  var spreadNote: String?
  /// What the series labels name, shown above the legend ("trace, flexflow.dataflow").
  var legendTitle: String?
  /// When positive, points of different series at the same x are drawn this many pixels apart,
  /// for x values that several series share by construction (a method's settings priced alike).
  var dodgePixels = 0.0

  /// Whether sorted positive `values` (at least three) step by a constant ratio of 1.5 or more.
  static func isGeometric(_ values: [Double]) -> Bool {
    guard values.count >= 3, let first = values.first, first > 0 else { return false }
    let ratio = values[1] / values[0]
    guard ratio >= 1.5 else { return false }
    return zip(values, values.dropFirst()).allSatisfy { abs($1 / $0 - ratio) <= ratio * 1e-6 }
  }

  /// The horizontal axis and each distinct x value's label, for `.categorical` and `.atValues`.
  func horizontal(_ xs: [Double]) -> (axis: ValueAxis, values: [Double], labels: [String]) {
    var labelOf: [Double: String] = [:]
    for entry in series { for point in entry.points where labelOf[point.x] == nil { labelOf[point.x] = point.xLabel } }
    let values = Array(Set(xs)).sorted()
    let labels = values.map { labelOf[$0] ?? AxisUnit.plain.format($0) }
    if horizontalAxis == .continuous {
      return (ValueAxis.fitted(xs, quantity: xQuantity, unit: xUnit, zeroBased: false, logRatio: .infinity), [], [])
    }
    let low = values.first ?? 0
    let high = values.last ?? 1
    let logarithmic =
      horizontalAxis == .atValues && low > 0 && (high / low >= 16 || Self.isGeometric(values))
    let ticks = zip(values, labels).map { ValueAxis.Tick(value: $0, label: $1) }
    let title = xQuantity + (logarithmic ? " (log scale)" : "")
    return (ValueAxis(low: low, high: high, logarithmic: logarithmic, ticks: ticks, title: title), values, labels)
  }

  func svg() -> String {
    let width = 820.0
    let xs = series.flatMap { $0.points.map(\.x) }
    let extents = series.flatMap { $0.points.flatMap { [$0.y - ($0.spread ?? 0), $0.y + ($0.spread ?? 0)] } }
    let yAxis = ValueAxis.fitted(extents, quantity: yQuantity, unit: yUnit, zeroBased: zeroBasedY)
    let (xAxis, xValues, xLabels) = horizontal(xs)
    var notes = [Self.zoomNote(vertical: yAxis.zoomedStart, horizontal: xAxis.zoomedStart), spreadNote].compactMap { $0 }
    let placedAtX = series.map { $0.points.map { Placed(point: $0, x: $0.x, y: $0.y) } }
    if dodged(placedAtX).moved {
      notes.append("points of different series at equal horizontal values are set \(AxisUnit.plain.format(dodgePixels)) px apart")
    }
    let frame = PlotFrame(left: 90, top: 48 + 15 * Double(notes.count), width: width - 120, height: 340, inset: 20)

    let positions = xValues.map { frame.x($0, on: xAxis) }
    let spacing = zip(positions, positions.dropFirst()).map { $1 - $0 }.min() ?? frame.width
    let layout =
      horizontalAxis == .continuous
      ? AxisLabelLayout(orientation: .level, shown: [], depth: 19, fontSize: 11)
      : AxisLabelLayout.choose(xLabels, spacing: spacing)
    let undodged = series.map { entry in
      entry.points.sorted { $0.x < $1.x }.map { Placed(point: $0, x: frame.x($0.x, on: xAxis), y: frame.y($0.y, on: yAxis)) }
    }
    let labels = zip(series, overlaps(undodged)).map { entry, overlap in
      guard let overlap else { return entry.label }
      let other = series[overlap.series].label
      return entry.label + (overlap.equal ? " (same values as \(other))" : " (overlaps \(other) at this scale)")
    }
    let legend = LineChartLegend(series: labels, width: frame.width, title: legendTitle)
    let legendTop = frame.bottom + layout.depth + 44
    var canvas = SVGCanvas(width: width, height: legendTop + legend.height + 12)
    canvas.title = title
    canvas.summary =
      "\(yAxis.title) against \(xAxis.title); \(series.count) series: \(series.map(\.label).joined(separator: "; "))."
    canvas.text(title, x: width / 2, y: 28, size: 16, anchor: .middle, bold: true)
    for (index, note) in notes.enumerated() {
      canvas.text(note, x: frame.left, y: 48 + 15 * Double(index), size: 12, color: "#444", italic: true)
    }
    guard !xs.isEmpty, !extents.isEmpty else {
      canvas.text("no data", x: width / 2, y: frame.top + frame.height / 2, anchor: .middle)
      return canvas.document
    }

    canvas.verticalAxis(yAxis, frame: frame, titleX: 22)
    canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom)
    if horizontalAxis == .continuous {
      for tick in xAxis.ticks {
        let x = frame.x(tick.value, on: xAxis)
        canvas.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: "#eee", dashed: true)
        canvas.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 4)
        canvas.text(tick.label, x: x, y: frame.bottom + 17, size: 11, anchor: .middle)
      }
      if xAxis.startNote != nil { canvas.brokenAxisMark(x: frame.left + 8, y: frame.bottom, vertical: false) }
    } else {
      canvas.horizontalLabels(xLabels, at: positions, layout: layout, axisY: frame.bottom)
    }
    canvas.text(xAxis.title, x: frame.left + frame.width / 2, y: frame.bottom + layout.depth + 22, size: 13, anchor: .middle)

    // Lines first, then error bars, then markers, so no line hides a point.
    let drawn = dodged(undodged).points
    for (index, points) in drawn.enumerated() where points.count > 1 {
      canvas.polyline(
        points.map { ($0.x, $0.y) }, stroke: SVGCanvas.color(index), width: 2, dashes: MarkerShape.dashes(index))
    }
    for (index, points) in drawn.enumerated() {
      for entry in points {
        guard let spread = entry.point.spread, spread > 0 else { continue }
        let upper = frame.y(entry.point.y + spread, on: yAxis)
        let lower = frame.y(entry.point.y - spread, on: yAxis)
        let color = SVGCanvas.color(index)
        canvas.line(x1: entry.x, y1: upper, x2: entry.x, y2: lower, stroke: color, width: 1.5)
        canvas.line(x1: entry.x - 4, y1: upper, x2: entry.x + 4, y2: upper, stroke: color, width: 1.5)
        canvas.line(x1: entry.x - 4, y1: lower, x2: entry.x + 4, y2: lower, stroke: color, width: 1.5)
      }
    }
    for (index, points) in drawn.enumerated() {
      for entry in points {
        let spread = entry.point.spread.flatMap { $0 > 0 ? " ± " + yUnit.format($0) : nil } ?? ""
        canvas.marker(
          MarkerShape.forSeries(index), x: entry.x, y: entry.y, color: SVGCanvas.color(index),
          title: "\(series[index].label): \(entry.point.xLabel) → \(yUnit.format(entry.point.y, digits: 4))\(spread)")
      }
    }
    legend.draw(on: &canvas, left: frame.left, top: legendTop)
    return canvas.document
  }

  /// A point where it is drawn, in pixels.
  struct Placed {
    var point: Point
    var x: Double
    var y: Double
  }

  /// A series that covers an earlier one: which, and whether their values are equal or only
  /// within a pixel of each other.
  struct Overlap {
    var series: Int
    var equal: Bool
  }

  /// "vertical axis starts at 95 %, not 0", or both axes in one sentence; nil when neither is zoomed.
  static func zoomNote(vertical: String?, horizontal: String?) -> String? {
    switch (vertical, horizontal) {
    case (let v?, let h?): return "axes start at \(v) (vertical) and \(h) (horizontal), not 0"
    case (let v?, nil): return "vertical axis starts at \(v), not 0"
    case (nil, let h?): return "horizontal axis starts at \(h), not 0"
    case (nil, nil): return nil
    }
  }

  /// The points with those that share an x value with other series' points set `dodgePixels`
  /// apart side by side in series order, centred on the true x, so coinciding markers and error
  /// bars all show; and whether any moved.
  func dodged(_ placed: [[Placed]]) -> (points: [[Placed]], moved: Bool) {
    guard dodgePixels > 0 else { return (placed, false) }
    var sharing: [Double: [Int]] = [:]
    for (index, points) in placed.enumerated() {
      for entry in points where sharing[entry.point.x]?.last != index { sharing[entry.point.x, default: []].append(index) }
    }
    var moved = false
    let points = placed.enumerated().map { index, points in
      points.map { entry in
        let group = sharing[entry.point.x] ?? [index]
        guard group.count > 1 else { return entry }
        moved = true
        var shifted = entry
        shifted.x += (Double(group.firstIndex(of: index) ?? 0) - Double(group.count - 1) / 2) * dodgePixels
        return shifted
      }
    }
    return (points, moved)
  }

  /// For each series, the first earlier series it lies on within a pixel at every point (so its
  /// line and markers cover that one's), and whether the values are equal too; nil if none.
  func overlaps(_ drawn: [[Placed]]) -> [Overlap?] {
    drawn.indices.map { index in
      let other = drawn.indices.prefix(index).first { other in
        drawn[other].count == drawn[index].count
          && zip(drawn[other], drawn[index]).allSatisfy { abs($0.x - $1.x) <= 1 && abs($0.y - $1.y) <= 1 }
      }
      return other.map { other in
        Overlap(
          series: other,
          equal: zip(drawn[other], drawn[index]).allSatisfy { $0.point.x == $1.point.x && $0.point.y == $1.point.y })
      }
    }
  }
}
