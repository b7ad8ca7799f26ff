import Foundation

/// A unit with an SI prefix that a terminal table shows a quantity in, chosen from the
/// magnitude so that a ResNet-50's millijoules and an MLP's nanojoules both read at a glance.
public struct DisplayUnit: Equatable, Sendable {
  /// The unit's symbol (`nJ`).
  public var symbol: String
  /// How many base units (pJ or mW) one of it holds.
  public var scale: Double

  /// Energy units from picojoules up, in base units of pJ.
  public static let energyUnits = [
    DisplayUnit(symbol: "pJ", scale: 1), DisplayUnit(symbol: "nJ", scale: 1e3), DisplayUnit(symbol: "µJ", scale: 1e6),
    DisplayUnit(symbol: "mJ", scale: 1e9), DisplayUnit(symbol: "J", scale: 1e12),
  ]
  /// Power units, in base units of mW.
  public static let powerUnits = [
    DisplayUnit(symbol: "µW", scale: 1e-3), DisplayUnit(symbol: "mW", scale: 1), DisplayUnit(symbol: "W", scale: 1e3),
  ]

  /// The unit for one value: the largest whose count is at least 1 (so 2.35e6 pJ reads
  /// 2.346 µJ); the smallest unit for zero.
  public static func forValue(_ value: Double, among units: [DisplayUnit]) -> DisplayUnit {
    units.last { abs(value) >= $0.scale } ?? units[0]
  }

  /// The unit for a column whose largest entry is `maximum`: the largest unit in which it
  /// is at least 100, so the column keeps three significant digits down to a thousandth
  /// of its largest entry (2.35e6 pJ reads 2,345.601 nJ and a 1.2 nJ entry 1.200 nJ).
  public static func forColumn(maximum: Double, among units: [DisplayUnit]) -> DisplayUnit {
    units.last { abs(maximum) >= 100 * $0.scale } ?? units[0]
  }

  /// `value` (in base units) in this unit with `decimals` decimals and thin digit groups
  /// (`2,345.601`), without the symbol; independent of the locale.
  public func format(_ value: Double, decimals: Int = 3) -> String {
    DisplayUnit.grouped(String(format: "%.\(decimals)f", value / scale))
  }

  /// `value` with its symbol (`2.346 µJ`).
  public func formatWithSymbol(_ value: Double, decimals: Int = 3) -> String { format(value, decimals: decimals) + " " + symbol }

  /// A decimal number's integer digits grouped by three with commas.
  static func grouped(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let unsigned = negative ? String(text.dropFirst()) : text
    let integer = unsigned.prefix { $0 != "." }
    let rest = unsigned.dropFirst(integer.count)
    var out = ""
    for (index, digit) in integer.enumerated() {
      if index > 0, (integer.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return (negative ? "-" : "") + out + rest
  }
}
