/// The execution units of a compute unit, in the order the issue stage serves them.
public enum UnitClass: UInt8, CaseIterable, Sendable {
  /// The branch unit.
  case branch
  /// The scalar unit.
  case scalar
  /// The SIMD units.
  case simd
  /// The vector memory unit.
  case vectorMemory
  /// The LDS unit.
  case lds
}
