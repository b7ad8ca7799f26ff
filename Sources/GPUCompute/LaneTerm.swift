/// A work-item's contribution to a tested row or column: ((t / divisor) % modulus) · scale.
public struct LaneTerm: Equatable, Hashable, Sendable {
  /// Work-items per step.
  public var divisor: Int
  /// Steps before the term wraps (0: no lane dependence).
  public var modulus: Int
  /// Elements per step.
  public var scale: Int64

  /// A term.
  public init(divisor: Int, modulus: Int, scale: Int64) {
    self.divisor = divisor
    self.modulus = modulus
    self.scale = scale
  }

  /// No dependence on the work-item.
  public static let none = LaneTerm(divisor: 1, modulus: 0, scale: 0)

  /// Whether the term is always zero.
  public var isNone: Bool { modulus == 0 || scale == 0 }

  /// The term for work-item `thread`.
  @inlinable @inline(__always)
  public func value(thread: Int) -> Int64 {
    modulus == 0 ? 0 : Int64((thread / divisor) % modulus) * scale
  }
}
