import Foundation

/// How an entry's energy changes with the operand widths and sizes of an action.
///
/// Each law is anchored at the entry's reference point (its `energy_pj` at the reference
/// widths and depth) and valid only inside a stated range of widths: a lookup outside the
/// range is an error, because extrapolating a law is how tables grow wrong numbers.
public enum ScalingLaw: Equatable, Sendable {
  /// The same energy whatever the width (control logic, a clock stub).
  case constant
  /// An array multiplier: energy ∝ bitsA · bitsB (partial products), from
  /// `referenceBitsA` × `referenceBitsB`. Horowitz's 8- to 32-bit integer multipliers scale
  /// with exponent 1.98 (docs/sources.md#horowitz2014).
  case multiplier(referenceBitsA: Int, referenceBitsB: Int)
  /// A multiplier of which a fraction f of the reference energy does not scale with the
  /// operand widths (an FP multiplier's exponent path, normalisation and pipeline registers):
  /// E = E_ref · (f + (1 − f) · a·b / (a₀·b₀)).
  case multiplierWithFixedPart(referenceBitsA: Int, referenceBitsB: Int, fixedFraction: Double)
  /// A ripple or prefix adder: energy ∝ bits, from `referenceBits`.
  case adder(referenceBits: Int)
  /// A register: energy ∝ bits written, from `referenceBits`.
  case register(referenceBits: Int)
  /// An accumulator whose low-order bit slices are clock-gated: the ledger records the
  /// active width `a` of the full `referenceBits` = n, and
  /// E(a) = E_ref · (a + u · (n − a)) / n, where u is the table's ungated fraction (the part
  /// of a gated slice's energy that gating cannot remove: clock stubs, enable logic).
  case lsbGated(referenceBits: Int)
  /// A clock-gated block: E = E_ref · u, with E_ref the energy the block draws ungated.
  case clockGated
  /// An SRAM or register-file array read or written: E = E_ref · (0.3 + 0.7 · w / w₀) ·
  /// (d / d₀)^x, the width and depth scaling of Accelergy's CACTI plug-in (30 % of an access
  /// is decoding that does not scale with width; depth^0.78 by default).
  case memory(referenceBits: Int, referenceDepth: Int, depthExponent: Double)

  /// The law's name in the table format.
  public var kindName: String {
    switch self {
    case .constant: return "constant"
    case .multiplier, .multiplierWithFixedPart: return "multiplier"
    case .adder: return "adder"
    case .register: return "register"
    case .lsbGated: return "lsb_gated"
    case .clockGated: return "clock_gated"
    case .memory: return "memory"
    }
  }

  /// The factor by which the reference energy is multiplied for an action at the given widths
  /// and memory depth; `ungatedFraction` is the table's u.
  public func factor(bitsA: Int, bitsB: Int, depth: Int?, ungatedFraction: Double) -> Double {
    switch self {
    case .constant:
      return 1
    case .multiplier(let referenceA, let referenceB):
      return Double(bitsA * bitsB) / Double(referenceA * referenceB)
    case .multiplierWithFixedPart(let referenceA, let referenceB, let fixed):
      return fixed + (1 - fixed) * Double(bitsA * bitsB) / Double(referenceA * referenceB)
    case .adder(let reference), .register(let reference):
      return Double(bitsA) / Double(reference)
    case .lsbGated(let reference):
      let active = Double(bitsA)
      let full = Double(reference)
      return (active + ungatedFraction * (full - active)) / full
    case .clockGated:
      return ungatedFraction
    case .memory(let referenceBits, let referenceDepth, let exponent):
      let widthFactor = 0.3 + 0.7 * Double(bitsA) / Double(referenceBits)
      let depthFactor = pow(Double(depth ?? referenceDepth) / Double(referenceDepth), exponent)
      return widthFactor * depthFactor
    }
  }

  /// How many operand widths the law reads from the ledger (0, 1 or 2).
  public var widthCount: Int {
    switch self {
    case .constant, .clockGated: return 0
    case .multiplier, .multiplierWithFixedPart: return 2
    case .adder, .register, .lsbGated, .memory: return 1
    }
  }

  /// Whether the law models an adder-like datapath (used by the multiplier > adder check).
  public var isAdderLike: Bool {
    switch self {
    case .adder, .lsbGated: return true
    default: return false
    }
  }
}
