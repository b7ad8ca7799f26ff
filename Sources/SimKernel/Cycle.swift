/// A count of clock cycles of the modelled hardware: a point in simulated time (cycles since
/// the simulation started) or a duration.
///
/// Cycles are integers so that every run is exact and reproducible; they never mix with
/// nanoseconds except through `nanoseconds(atMHz:)`.
@frozen
public struct Cycle: RawRepresentable, Comparable, Hashable, Sendable, CustomStringConvertible {
  /// The number of cycles.
  public var rawValue: UInt64

  /// A cycle count.
  @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// A cycle count.
  @inlinable public init(_ rawValue: UInt64) { self.rawValue = rawValue }

  /// Cycle zero, when every simulation starts.
  public static let zero = Cycle(0)

  @inlinable public static func < (lhs: Cycle, rhs: Cycle) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The time `rhs` cycles after `lhs`. Traps on overflow: a wrapped time is a bug, not a value.
  @inlinable public static func + (lhs: Cycle, rhs: Cycle) -> Cycle { Cycle(lhs.rawValue + rhs.rawValue) }

  /// The cycles from `rhs` to `lhs`. Traps if `rhs` is later.
  @inlinable public static func - (lhs: Cycle, rhs: Cycle) -> Cycle { Cycle(lhs.rawValue - rhs.rawValue) }

  /// Advances by `rhs` cycles.
  @inlinable public static func += (lhs: inout Cycle, rhs: Cycle) { lhs.rawValue += rhs.rawValue }

  /// The duration in nanoseconds at a clock of `clockMHz` megahertz.
  @inlinable public func nanoseconds(atMHz clockMHz: Double) -> Double {
    Double(rawValue) * 1000.0 / clockMHz
  }

  public var description: String { "\(rawValue) cycles" }
}
