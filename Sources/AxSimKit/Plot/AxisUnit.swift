import Foundation

/// What the numbers on an axis measure, which decides how its ticks are written.
///
/// Energies, powers and times get the SI prefix that suits their magnitude ("10 mJ", not
/// "10G pJ"); counts get k, M and G; percentages and plain numbers are written as they are.
struct AxisUnit: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    /// A physical quantity in `symbol` (J, W, s) whose values are in 10^`exponent` of it
    /// (pJ: -12); prefixes go no higher than 10^`maxExponent` (no "ks").
    case si(symbol: String, exponent: Int, maxExponent: Int)
    /// Percent, 0…100.
    case percent
    /// A count (cycles, MACs): 1.5k, 20M.
    case count
    /// A number without a unit (a ratio, a swept setting).
    case plain
  }

  var kind: Kind

  /// Energies in pJ, the unit every report and table keeps.
  static let picojoules = AxisUnit(kind: .si(symbol: "J", exponent: -12, maxExponent: 12))
  /// Powers in mW.
  static let milliwatts = AxisUnit(kind: .si(symbol: "W", exponent: -3, maxExponent: 12))
  /// Times in ns; seconds are the largest unit written.
  static let nanoseconds = AxisUnit(kind: .si(symbol: "s", exponent: -9, maxExponent: 0))
  static let percent = AxisUnit(kind: .percent)
  static let count = AxisUnit(kind: .count)
  static let plain = AxisUnit(kind: .plain)

  /// SI prefixes from femto to tera, by their power of ten.
  static let prefixes: [(exponent: Int, prefix: String)] = [
    (-15, "f"), (-12, "p"), (-9, "n"), (-6, "µ"), (-3, "m"), (0, ""), (3, "k"), (6, "M"), (9, "G"), (12, "T"),
  ]

  /// Values divided by `divisor` read in `symbol`: (1e9, "mJ") for pJ data around 10^10.
  struct Scale: Equatable, Sendable {
    var divisor: Double
    var symbol: String
  }

  /// The scale that writes a value of `magnitude` (in the data's unit) with one to three
  /// digits before the decimal point: 8.71e9 pJ is 8.71 mJ, 555 mW stays mW, 1.5e4 cycles 15k.
  func scale(forMagnitude magnitude: Double) -> Scale {
    let size = abs(magnitude)
    switch kind {
    case .si(let symbol, let exponent, let maxExponent):
      guard size > 0, size.isFinite else {
        let own = Self.prefixes.first { $0.exponent == exponent }?.prefix ?? ""
        return Scale(divisor: 1, symbol: own + symbol)
      }
      let decade = exponent + Int(floor(log10(size) + 1e-9))
      let wanted = Int(floor(Double(decade) / 3)) * 3
      let lowest = Self.prefixes[0].exponent
      let chosen = min(max(wanted, lowest), maxExponent, Self.prefixes[Self.prefixes.count - 1].exponent)
      let prefix = Self.prefixes.first { $0.exponent == chosen }?.prefix ?? ""
      return Scale(divisor: pow(10, Double(chosen - exponent)), symbol: prefix + symbol)
    case .count:
      for (threshold, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where size >= threshold * (1 - 1e-12) {
        return Scale(divisor: threshold, symbol: suffix)
      }
      return Scale(divisor: 1, symbol: "")
    case .percent: return Scale(divisor: 1, symbol: "%")
    case .plain: return Scale(divisor: 1, symbol: "")
    }
  }

  /// A value with the prefix of its own magnitude and `digits` significant digits.
  ///
  /// "8.71 mJ", "555 mW", "15.7M", "97.3 %", "0.25". Trailing zeros are dropped ("1 mJ", for
  /// log ticks) unless `keepZeros` ("1.00 mJ", beside other three-digit values).
  func format(_ value: Double, digits: Int = 3, keepZeros: Bool = false) -> String {
    let rounded = Self.roundedToSignificant(value, digits: digits)
    let scale = scale(forMagnitude: rounded)
    let scaled = rounded / scale.divisor
    let fixed = Self.fixed(scaled, decimals: Self.decimals(forSignificant: digits, of: scaled))
    let number = keepZeros ? fixed : Self.trimmed(fixed)
    switch kind {
    case .si, .percent: return number + " " + scale.symbol
    case .count, .plain: return number + scale.symbol
    }
  }

  /// `value` rounded to `digits` significant digits (so 999.7 rounds to 1000 before a prefix is chosen).
  static func roundedToSignificant(_ value: Double, digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    let factor = pow(10, Double(digits - 1) - floor(log10(abs(value))))
    return (value * factor).rounded() / factor
  }

  /// Decimal places that show `digits` significant digits of `value` (none for integers ≥ 10^digits).
  static func decimals(forSignificant digits: Int, of value: Double) -> Int {
    guard value != 0, value.isFinite else { return 0 }
    return min(12, max(0, digits - 1 - Int(floor(log10(abs(value)) + 1e-9))))
  }

  /// Decimal places that tell ticks `step` apart: 0 for a step of 5, 2 for 0.25.
  static func decimals(forStep step: Double) -> Int {
    guard step > 0, step.isFinite else { return 0 }
    var decimals = 0
    while decimals < 12 {
      let scaled = step * pow(10, Double(decimals))
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { break }
      decimals += 1
    }
    return decimals
  }

  static func fixed(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// "1.500" → "1.5", "2.00" → "2"; integers untouched.
  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.hasSuffix("0") { result = result.dropLast() }
    if result.hasSuffix(".") { result = result.dropLast() }
    return String(result)
  }
}
