/// Whether the active wavefront pool can issue to every SIMD or only to its own.
public enum SIMDBinding: String, CaseIterable, Equatable, Hashable, Sendable {
  /// multi2sim HEAD: the active pool issues to each SIMD in turn (up to one VALU per SIMD).
  case anySIMD = "any"
  /// multi2sim 4.2: pool i issues only to SIMD i.
  case ownSIMD = "own"
}
