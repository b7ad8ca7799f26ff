import Foundation

/// A numeric axis: the range it spans, linear or logarithmic, its labelled ticks, its title
/// with the unit, and a note when it does not start at zero.
struct ValueAxis {
  struct Tick: Equatable {
    var value: Double
    var label: String
  }

  var low: Double
  var high: Double
  var logarithmic: Bool
  var ticks: [Tick]
  /// The quantity and its unit: "energy per layer (mJ)", "energy (log scale)".
  var title: String
  /// Where a linear axis of positive data starts when that is above zero ("94 %"), else nil.
  ///
  /// Charts say so in words and with a broken-axis mark, so a small difference is not mistaken
  /// for a large one.
  var zoomedStart: String?

  /// "axis starts at 94 %, not 0" for a zoomed axis.
  var startNote: String? { zoomedStart.map { "axis starts at \($0), not 0" } }

  /// Where `value` falls along the axis, 0 at `low` and 1 at `high`.
  func fraction(_ value: Double) -> Double {
    guard high > low else { return 0.5 }
    if logarithmic {
      guard value > 0 else { return 0 }
      return (log(value) - log(low)) / (log(high) - log(low))
    }
    return (value - low) / (high - low)
  }

  /// Linear ticks over `low…high` labelled in one unit chosen for the larger end; the unit goes
  /// in the title.
  static func linear(_ low: Double, _ high: Double, step: Double, quantity: String, unit: AxisUnit) -> ValueAxis {
    let scale = unit.scale(forMagnitude: max(abs(low), abs(high)))
    let decimals = AxisUnit.decimals(forStep: step / scale.divisor)
    let ticks = AxisTicks.linear(low, high, step: step).map { value -> Tick in
      let number = AxisUnit.fixed(value / scale.divisor, decimals: decimals)
      return Tick(value: value, label: unit.kind == .count ? number + scale.symbol : number)
    }
    let title = scale.symbol.isEmpty || unit.kind == .count ? quantity : "\(quantity) (\(scale.symbol))"
    return ValueAxis(low: low, high: high, logarithmic: false, ticks: ticks, title: title)
  }

  /// A logarithmic axis from the 1-2-5 value at or below `minimum` to the one at or above
  /// `maximum`; each tick carries its own prefix ("10 µJ", "1 mJ").
  static func logarithmic(minimum: Double, maximum: Double, quantity: String, unit: AxisUnit) -> ValueAxis {
    let decades = log10(maximum) - log10(minimum)
    // Over three decades or more only decades are labelled, so the axis starts at one.
    let low = decades >= 2 ? pow(10, floor(log10(minimum) + 1e-12)) : AxisTicks.niceFloor(minimum)
    let high = max(AxisTicks.niceCeiling(maximum), low * 10)
    let ticks = AxisTicks.logarithmic(low, high).map { Tick(value: $0, label: unit.format($0)) }
    return ValueAxis(low: low, high: high, logarithmic: true, ticks: ticks, title: "\(quantity) (log scale)")
  }

  /// An axis for bars: from zero to the first tick at or above the largest value.
  static func fromZero(maximum: Double, quantity: String, unit: AxisUnit) -> ValueAxis {
    let top = maximum > 0 && maximum.isFinite ? maximum : 1
    let step = AxisTicks.step(0, top)
    let high = (top / step - 1e-9).rounded(.up) * step
    return linear(0, high, step: step, quantity: quantity, unit: unit)
  }

  /// An axis that fits `values`.
  ///
  /// `zeroBased` keeps zero in range (energies, counts); otherwise the axis is zoomed to the
  /// data with a margin and says where it starts. Positive data spanning `logRatio` or more go
  /// on a logarithmic axis; percentages never do.
  static func fitted(
    _ values: [Double], quantity: String, unit: AxisUnit, zeroBased: Bool, logRatio: Double = 30
  ) -> ValueAxis {
    let finite = values.filter(\.isFinite)
    guard let minimum = finite.min(), let maximum = finite.max() else {
      return fromZero(maximum: 1, quantity: quantity, unit: unit)
    }
    if unit.kind != .percent, minimum > 0, maximum / minimum >= logRatio {
      return logarithmic(minimum: minimum, maximum: maximum, quantity: quantity, unit: unit)
    }
    if zeroBased {
      if unit.kind == .percent, minimum >= 0, maximum <= 100 {
        return linear(0, 100, step: 20, quantity: quantity, unit: unit)
      }
      guard minimum < 0 else { return fromZero(maximum: maximum, quantity: quantity, unit: unit) }
      let step = AxisTicks.step(minimum, max(0, maximum))
      let low = (minimum / step - 1e-9).rounded(.down) * step
      let high = max(0, (maximum / step - 1e-9).rounded(.up) * step)
      return linear(low, high, step: step, quantity: quantity, unit: unit)
    }
    let spread = maximum - minimum
    let margin = spread > 0 ? spread * 0.08 : max(abs(maximum) * 0.01, 1e-9)
    let step = AxisTicks.step(minimum - margin, maximum + margin, count: 5)
    var low = ((minimum - margin) / step - 1e-9).rounded(.down) * step
    var high = ((maximum + margin) / step + 1e-9).rounded(.up) * step
    if minimum >= 0 && low < 0 { low = 0 }
    // Percentages of a whole (accuracy, utilisation) stop at 100.
    if unit.kind == .percent && maximum <= 100 && high > 100 { high = 100 }
    var axis = linear(low, high, step: step, quantity: quantity, unit: unit)
    if low > 0 {
      axis.zoomedStart = unit.format(low, digits: 4)
    }
    return axis
  }
}
