extension EnergyTable {
  /// Checks what must hold for any table, so that no table (and no golden report built on
  /// one) can freeze a bug like the exercises' 8-bit "multiplier" priced as an adder
  /// (docs/sources.md#accelergy-exercises):
  /// - every (component, action) appears once, every leakage component once;
  /// - laws are well-formed (positive reference widths inside their valid range);
  /// - energy never falls as operand width or memory depth grows, inside each valid range;
  /// - at every width from 8 bits up where both are valid, every multiplier costs more than
  ///   every adder.
  public func checkInvariants() throws(EnergyTableError) {
    var seen: Set<String> = []
    for entry in entries {
      guard seen.insert(entry.component + "\u{0}" + entry.action).inserted else {
        throw .invariant("\(entry.component)/\(entry.action) appears more than once")
      }
      switch entry.law {
      case .multiplier(let a, let b), .multiplierWithFixedPart(let a, let b, _):
        guard entry.validBits.contains(a), entry.validBits.contains(b) else {
          throw .invariant(
            "\(entry.component)/\(entry.action): reference bits \(a)x\(b) lie outside valid_bits \(entry.validBits)")
        }
      case .adder(let bits), .register(let bits), .lsbGated(let bits), .memory(let bits, _, _):
        guard entry.validBits.contains(bits) else {
          throw .invariant("\(entry.component)/\(entry.action): reference bits \(bits) lie outside valid_bits \(entry.validBits)")
        }
      case .constant, .clockGated: break
      }
      var previous = -1.0
      for bits in entry.validBits where entry.law.widthCount > 0 {
        let energy = entry.energyPJ * entry.law.factor(bitsA: bits, bitsB: bits, depth: nil, ungatedFraction: ungatedFraction)
        guard energy >= previous, energy >= 0 else {
          throw .invariant("\(entry.component)/\(entry.action): energy falls from \(previous) to \(energy) pJ at \(bits) bits")
        }
        previous = energy
      }
      if case .memory(let bits, let depth, _) = entry.law {
        var previousDepthEnergy = -1.0
        for shift in 0...10 {
          let scaled = max(1, depth >> 5) << shift
          let energy = entry.energyPJ * entry.law.factor(bitsA: bits, bitsB: 0, depth: scaled, ungatedFraction: ungatedFraction)
          guard energy >= previousDepthEnergy else {
            throw .invariant("\(entry.component)/\(entry.action): energy falls as depth grows to \(scaled)")
          }
          previousDepthEnergy = energy
        }
      }
    }
    var leakageSeen: Set<String> = []
    for entry in leakage where !leakageSeen.insert(entry.component).inserted {
      throw .invariant("leakage of \(entry.component) appears more than once")
    }
    let multipliers = entries.filter { $0.law.kindName == "multiplier" }
    let adders = entries.filter { $0.law.isAdderLike }
    for multiplier in multipliers {
      for adder in adders {
        let low = max(8, multiplier.validBits.lowerBound, adder.validBits.lowerBound)
        let high = min(multiplier.validBits.upperBound, adder.validBits.upperBound)
        guard low <= high else { continue }
        for bits in low...high {
          let multiply =
            multiplier.energyPJ * multiplier.law.factor(bitsA: bits, bitsB: bits, depth: nil, ungatedFraction: ungatedFraction)
          let add =
            adder.energyPJ
            * ScalingLaw.adder(referenceBits: adder.law.referenceWidth ?? bits)
            .factor(bitsA: bits, bitsB: 0, depth: nil, ungatedFraction: ungatedFraction)
          guard multiply > add else {
            throw .invariant(
              "\(multiplier.component)/\(multiplier.action) (\(multiply) pJ) does not cost more than \(adder.component)/\(adder.action) (\(add) pJ) at \(bits) bits"
            )
          }
        }
      }
    }
  }
}

extension ScalingLaw {
  /// The law's single reference width, when it has one.
  var referenceWidth: Int? {
    switch self {
    case .adder(let bits), .register(let bits), .lsbGated(let bits), .memory(let bits, _, _): return bits
    case .multiplier(let a, _), .multiplierWithFixedPart(let a, _, _): return a
    case .constant, .clockGated: return nil
    }
  }
}

/// An energy table that is well-formed JSON but cannot price a model's activity.
public enum EnergyTableError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The table breaks an invariant every table must keep.
  case invariant(String)
  /// The model did something the table has no entry for; never priced as zero.
  case noEntry(table: String, component: String, action: String)
  /// An action's operand width lies outside its entry's valid range.
  case outsideValidRange(table: String, component: String, action: String, bits: String, valid: ClosedRange<Int>)
  /// A component instance count is given for leakage the table does not list.
  case noLeakage(table: String, component: String)

  public var description: String {
    switch self {
    case .invariant(let message):
      return "invariant violated: \(message)"
    case .noEntry(let table, let component, let action):
      return "energy table \(table) has no entry for component \"\(component)\" action \"\(action)\"; add one (with its source)"
    case .outsideValidRange(let table, let component, let action, let bits, let valid):
      return
        "energy table \(table): \(component)/\(action) at \(bits) bits lies outside its valid range \(valid.lowerBound)...\(valid.upperBound)"
    case .noLeakage(let table, let component):
      return "energy table \(table) has no leakage entry for component \"\(component)\"; add one (with its source)"
    }
  }
}
