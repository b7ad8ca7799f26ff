import Foundation

/// The shape of a series' point markers; each series gets its own, so series that coincide
/// (or are printed in grey) remain distinguishable.
enum MarkerShape: CaseIterable {
  case circle, square, triangleUp, diamond, triangleDown, pentagon, hexagon

  /// The shape for the series at `index`, cycling through all shapes.
  static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

  /// The SVG dash array for the series at `index`, empty for a solid line.
  ///
  /// The cycle length (5) is prime to the shape cycle (7), so series 0…34 differ in shape,
  /// dashes or both.
  static func dashes(_ index: Int) -> String { ["", "8,4", "2,3", "10,3,2,3", "4,4"][index % 5] }

  /// The outline as an SVG path centred on (x, y), `size` pixels across.
  func path(x: Double, y: Double, size: Double) -> String {
    let r = size / 2
    func polygon(_ corners: Int, rotation: Double, radius: Double) -> String {
      let points = (0..<corners).map { corner -> String in
        let angle = rotation + Double(corner) * 2 * Double.pi / Double(corners)
        return "\(SVGCanvas.number(x + radius * sin(angle))) \(SVGCanvas.number(y - radius * cos(angle)))"
      }
      return "M " + points.joined(separator: " L ") + " Z"
    }
    switch self {
    case .circle:
      // Two arcs: a path keeps every marker one element type.
      return
        "M \(SVGCanvas.number(x - r)) \(SVGCanvas.number(y)) a \(SVGCanvas.number(r)) \(SVGCanvas.number(r)) 0 1 0 \(SVGCanvas.number(2 * r)) 0 a \(SVGCanvas.number(r)) \(SVGCanvas.number(r)) 0 1 0 \(SVGCanvas.number(-2 * r)) 0 Z"
    case .square: return polygon(4, rotation: Double.pi / 4, radius: r * 1.2)
    case .triangleUp: return polygon(3, rotation: 0, radius: r * 1.3)
    case .diamond: return polygon(4, rotation: 0, radius: r * 1.3)
    case .triangleDown: return polygon(3, rotation: Double.pi, radius: r * 1.3)
    case .pentagon: return polygon(5, rotation: 0, radius: r * 1.15)
    case .hexagon: return polygon(6, rotation: Double.pi / 6, radius: r * 1.1)
    }
  }
}
