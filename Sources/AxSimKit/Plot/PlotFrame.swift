import Foundation

/// The rectangle a panel draws its data in, in pixels, and how values map into it.
struct PlotFrame {
  var left: Double
  var top: Double
  var width: Double
  var height: Double
  /// Pixels kept free at both ends of the horizontal axis, so end markers clear the vertical axis.
  var inset = 0.0

  var right: Double { left + width }
  var bottom: Double { top + height }

  /// The pixel row of `value` on a vertical `axis`.
  func y(_ value: Double, on axis: ValueAxis) -> Double { bottom - axis.fraction(value) * height }

  /// The pixel column of `value` on a horizontal `axis`.
  func x(_ value: Double, on axis: ValueAxis) -> Double { left + inset + axis.fraction(value) * (width - 2 * inset) }
}

/// How labels under a horizontal axis are set: level when they fit between their neighbours,
/// else turned 45° or 90°, and thinned to every k-th (keeping the first and last) when even
/// upright labels would overlap.
struct AxisLabelLayout {
  enum Orientation { case level, diagonal, upright }

  var orientation: Orientation
  /// The indices of the labels drawn.
  var shown: [Int]
  /// How far below the axis line the labels reach, in pixels.
  var depth: Double
  var fontSize: Double

  /// The layout for `labels` whose anchors are `spacing` pixels apart.
  static func choose(_ labels: [String], spacing: Double, fontSize: Double = 11) -> AxisLabelLayout {
    let widest = labels.map { SVGCanvas.textWidth($0, size: fontSize) }.max() ?? 0
    let lineHeight = fontSize * 1.25
    if widest + 6 <= spacing {
      return AxisLabelLayout(orientation: .level, shown: Array(labels.indices), depth: fontSize + 8, fontSize: fontSize)
    }
    if spacing * sin(Double.pi / 4) >= lineHeight {
      return AxisLabelLayout(
        orientation: .diagonal, shown: Array(labels.indices), depth: widest * sin(Double.pi / 4) + fontSize + 8,
        fontSize: fontSize)
    }
    let every = max(1, Int((lineHeight / max(spacing, 1e-9) - 1e-9).rounded(.up)))
    return AxisLabelLayout(
      orientation: .upright, shown: AxisTicks.thinned(count: labels.count, every: every), depth: widest + 12,
      fontSize: fontSize)
  }
}

extension SVGCanvas {
  /// Gridlines, tick labels, the axis line and the rotated title of a vertical axis at the
  /// frame's left edge; a broken-axis mark when the axis does not start at zero.
  mutating func verticalAxis(_ axis: ValueAxis, frame: PlotFrame, titleX: Double) {
    for tick in axis.ticks {
      let y = frame.y(tick.value, on: axis)
      line(x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: "#ddd", dashed: true)
      text(tick.label, x: frame.left - 8, y: y + 4, size: 11, anchor: .end)
    }
    line(x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom)
    text(axis.title, x: titleX, y: frame.top + frame.height / 2, size: 13, anchor: .middle, rotate: -90)
    if axis.startNote != nil { brokenAxisMark(x: frame.left, y: frame.bottom - 9, vertical: true) }
  }

  /// The labels of a horizontal axis at pixel columns `positions`, set by `layout`, with a short
  /// tick at each labelled position.
  mutating func horizontalLabels(_ labels: [String], at positions: [Double], layout: AxisLabelLayout, axisY: Double) {
    for index in layout.shown where index < labels.count && index < positions.count {
      let x = positions[index]
      line(x1: x, y1: axisY, x2: x, y2: axisY + 4)
      switch layout.orientation {
      case .level:
        text(labels[index], x: x, y: axisY + 6 + layout.fontSize, size: layout.fontSize, anchor: .middle)
      case .diagonal:
        text(labels[index], x: x + 3, y: axisY + 10, size: layout.fontSize, anchor: .end, rotate: -45)
      case .upright:
        text(labels[index], x: x + layout.fontSize * 0.35, y: axisY + 8, size: layout.fontSize, anchor: .end, rotate: -90)
      }
    }
  }

  /// Two short parallel strokes across an axis line with a gap between them: the usual sign
  /// that the axis is cut (does not start at zero).
  mutating func brokenAxisMark(x: Double, y: Double, vertical: Bool) {
    if vertical {
      rect(x: x - 3, y: y - 3, width: 6, height: 6, fill: "white")
      line(x1: x - 6, y1: y, x2: x + 6, y2: y - 5, stroke: "#333", width: 1.2)
      line(x1: x - 6, y1: y + 5, x2: x + 6, y2: y, stroke: "#333", width: 1.2)
    } else {
      rect(x: x - 3, y: y - 3, width: 6, height: 6, fill: "white")
      line(x1: x - 3, y1: y + 6, x2: x + 2, y2: y - 6, stroke: "#333", width: 1.2)
      line(x1: x + 2, y1: y + 6, x2: x + 7, y2: y - 6, stroke: "#333", width: 1.2)
    }
  }
}
