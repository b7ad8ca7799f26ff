import Foundation

/// A minimal SVG writer: shapes and text in document order, numbers with two decimals, no
/// timestamps or ids that vary, so the same chart is the same bytes.
struct SVGCanvas {
  let width: Double
  let height: Double
  private var elements: [String] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A qualitative palette (Tableau 10), assigned in series order.
  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5",
  ]

  static func color(_ index: Int) -> String { palette[index % palette.count] }

  static func number(_ value: Double) -> String { String(format: "%.2f", value) }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
    let shape =
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\" fill=\"\(fill)\""
    if let title {
      elements.append(shape + "><title>\(Self.escape(title))</title></rect>")
    } else {
      elements.append(shape + "/>")
    }
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", width: Double = 1, dashed: Bool = false
  ) {
    elements.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dashed ? " stroke-dasharray=\"3,3\"" : "")/>"
    )
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"/>")
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String, title: String? = nil) {
    let shape = "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\""
    elements.append(title.map { shape + "><title>\(Self.escape($0))</title></circle>" } ?? shape + "/>")
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false, rotate: Double = 0
  ) {
    let transform = rotate == 0 ? "" : " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
    elements.append(
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor.rawValue)\"\(bold ? " font-weight=\"bold\"" : "")\(transform)>\(Self.escape(text))</text>"
    )
  }

  /// The finished document.
  var document: String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"white\"/>\n"
    out += elements.joined(separator: "\n") + "\n</svg>\n"
    return out
  }
}

/// Axis ticks at 1, 2 or 5 × 10^k, the way plotting libraries choose them.
enum AxisTicks {
  static func linear(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    guard high > low else { return [low] }
    let raw = (high - low) / Double(count)
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var ticks: [Double] = []
    var value = (low / step).rounded(.up) * step
    while value <= high + step * 1e-9 {
      ticks.append(abs(value) < step * 1e-9 ? 0 : value)
      value += step
    }
    return ticks
  }

  /// Powers of two or ten between `low` and `high` (both > 0).
  static func logarithmic(_ low: Double, _ high: Double) -> [Double] {
    let base: Double = high / low <= 4096 ? 2 : 10
    var ticks: [Double] = []
    var value = pow(base, floor(log(low) / log(base)))
    while value <= high * (1 + 1e-9) {
      if value >= low * (1 - 1e-9) { ticks.append(value) }
      value *= base
    }
    return ticks
  }

  /// A compact label: 1.5k, 2M, 0.25.
  static func label(_ value: Double) -> String {
    let magnitude = abs(value)
    func trimmed(_ number: Double, _ suffix: String) -> String {
      var text = String(format: "%.3g", number)
      if text.contains("e") { text = String(format: "%.2e", number) }
      return text + suffix
    }
    if magnitude >= 1e12 { return trimmed(value / 1e12, "T") }
    if magnitude >= 1e9 { return trimmed(value / 1e9, "G") }
    if magnitude >= 1e6 { return trimmed(value / 1e6, "M") }
    if magnitude >= 1e4 { return trimmed(value / 1e3, "k") }
    return trimmed(value, "")
  }
}
