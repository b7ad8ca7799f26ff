import Foundation

/// A minimal SVG writer: shapes and text in document order, numbers with two decimals, no
/// timestamps or ids that vary, so the same chart is the same bytes.
struct SVGCanvas {
  let width: Double
  let height: Double
  /// The document's accessible name (`<title>`), read by screen readers and shown as the tab name.
  var title = ""
  /// A sentence or two on what the chart shows (`<desc>`).
  var summary = ""
  private var elements: [String] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A qualitative palette, assigned in series order: Tableau 10, then ten darker or more
  /// saturated hues chosen to differ from those, for stacks of up to twenty components.
  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#17becf", "#bcbd22", "#393b79", "#843c39", "#7b4173", "#637939", "#6b6ecf", "#e377c2", "#555555", "#b5cf6b",
  ]

  static func color(_ index: Int) -> String { palette[index % palette.count] }

  /// A coordinate to two decimals without trailing zeros ("12.5", "100"): a hundredth of a
  /// pixel is finer than any screen, and short numbers keep large charts small.
  static func number(_ value: Double) -> String {
    let text = String(format: "%.2f", value)
    let trimmed = AxisUnit.trimmed(text)
    return trimmed == "-0" ? "0" : trimmed
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// An element with an optional tooltip: `<name attributes><title>…</title></name>` or `<name attributes/>`.
  private mutating func append(_ name: String, _ attributes: String, title: String?) {
    if let title {
      elements.append("<\(name) \(attributes)><title>\(Self.escape(title))</title></\(name)>")
    } else {
      elements.append("<\(name) \(attributes)/>")
    }
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, title: String? = nil
  ) {
    let outline = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
    append(
      "rect",
      "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\" fill=\"\(fill)\"\(outline)",
      title: title)
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", width: Double = 1, dashed: Bool = false
  ) {
    elements.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dashed ? " stroke-dasharray=\"3,3\"" : "")/>"
    )
  }

  /// An open path through `points`; `dashes` is an SVG dash array ("7,4"), empty for a solid line.
  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dashes: String = "") {
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    let dash = dashes.isEmpty ? "" : " stroke-dasharray=\"\(dashes)\""
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dash)/>")
  }

  /// A closed outline or filled shape from an SVG path string (`M x y L x y Z`).
  mutating func path(_ commands: String, fill: String, stroke: String, width: Double = 1, title: String? = nil) {
    append(
      "path", "d=\"\(commands)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"", title: title)
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String, title: String? = nil) {
    append(
      "circle", "cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"", title: title)
  }

  /// A hollow marker of `shape` centred on (x, y), `size` pixels across, outlined in `color`.
  ///
  /// Hollow outlines of different shapes stay visible where series coincide.
  mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double = 9, color: String, title: String? = nil) {
    path(shape.path(x: x, y: y, size: size), fill: "white", stroke: color, width: 1.8, title: title)
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false, rotate: Double = 0,
    color: String? = nil, italic: Bool = false, title: String? = nil
  ) {
    let transform = rotate == 0 ? "" : " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
    let fill = color.map { " fill=\"\($0)\"" } ?? ""
    elements.append(
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor.rawValue)\"\(bold ? " font-weight=\"bold\"" : "")\(italic ? " font-style=\"italic\"" : "")\(fill)\(transform)>\(title.map { "<title>\(Self.escape($0))</title>" } ?? "")\(Self.escape(text))</text>"
    )
  }

  /// The width of `text` at `size` in Helvetica, estimated from character classes; a fixed
  /// estimate rather than a measurement, so layout is the same on every machine.
  static func textWidth(_ text: String, size: Double) -> Double {
    var ems = 0.0
    for character in text {
      switch character {
      case "i", "j", "l", "I", ".", ",", ":", ";", "'", "|", "!", " ": ems += 0.28
      case "f", "t", "r", "(", ")", "[", "]", "-", "/": ems += 0.36
      case "m", "w", "M", "W", "%", "@": ems += 0.85
      case "A"..."Z", "_", "#", "&", "µ": ems += 0.68
      default: ems += 0.56
      }
    }
    return ems * size
  }

  /// The finished document: `<title>` and `<desc>` first, so assistive technology names the chart.
  var document: String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n"
    if !title.isEmpty { out += "<title>\(Self.escape(title))</title>\n" }
    if !summary.isEmpty { out += "<desc>\(Self.escape(summary))</desc>\n" }
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"white\"/>\n"
    out += elements.joined(separator: "\n") + "\n</svg>\n"
    return out
  }
}
