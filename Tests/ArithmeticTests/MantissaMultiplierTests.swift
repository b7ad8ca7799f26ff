import Arithmetic
import Testing

@Suite struct MantissaMultiplierTests {
  /// FramNN's product written with real-valued significands instead of integer masks: each
  /// significand floored to a multiple of 2^−(m−1), multiplied, normalised into [1, 2), floored
  /// to a multiple of 2^−23 (all exact in `Double`).
  static func reference(_ a: Float, _ b: Float, bits m: Int) -> Float {
    let step = Double(1 << (m - 1))
    let significandA = (Double(a.significand) * step).rounded(.down) / step
    let significandB = (Double(b.significand) * step).rounded(.down) / step
    var product = significandA * significandB
    var exponent = Int(a.exponent) + Int(b.exponent)
    if product >= 2 {
      product /= 2
      exponent += 1
    }
    let truncated = (product * 0x1.0p23).rounded(.down) / 0x1.0p23
    return Float(sign: a.sign == b.sign ? .plus : .minus, exponent: exponent, significand: Float(truncated))
  }

  @Test(arguments: 1...23)
  func matchesTheRealValuedReferenceBitForBit(bits: Int) throws {
    let multiplier = try MantissaMultiplier(bits: bits)
    let seed = 0xF0_0000 + UInt64(bits)
    var random = SeededGenerator(seed: seed)
    var mismatches = 0
    for _ in 0..<5_000 {
      let a = random.nextNormalFloat()
      let b = random.nextNormalFloat()
      if multiplier.multiply(a, b).bitPattern != Self.reference(a, b, bits: bits).bitPattern {
        if mismatches == 0 {
          Issue.record(
            "m=\(bits) seed \(seed): \(a) × \(b) = \(multiplier.multiply(a, b)), reference \(Self.reference(a, b, bits: bits))")
        }
        mismatches += 1
      }
    }
    #expect(mismatches == 0, "m=\(bits) seed \(seed)")
  }

  /// docs/sources.md#framnn2018's mean relative error on uniform fractions.
  ///
  /// Tolerance: the table's rounding plus 5 standard errors of our mean. Every product is at
  /// or below the exact one in magnitude and above the truncation bound −(2^−(m−2) + 2^−23).
  @Test(arguments: [(4, "-8.35"), (6, "-2.15"), (8, "-0.54"), (10, "-0.135"), (12, "-0.034"), (16, "-0.0021"), (20, "-0.0001")])
  func reproducesTheMeanErrorTableAndIsBiasedDownward(bits: Int, publishedMean: String) throws {
    let multiplier = try MantissaMultiplier(bits: bits)
    let seed = 0xF1_0000 + UInt64(bits)
    var random = SeededGenerator(seed: seed)
    var errors = RunningMoments()
    for _ in 0..<400_000 {
      let a = random.nextNormalFloat()
      let b = random.nextNormalFloat()
      let exact = Double(a) * Double(b)
      errors.add((Double(multiplier.multiply(a, b)) - exact) / exact * 100)
    }
    let published = Published(publishedMean)
    let tolerance = published.halfUnit + 5 * errors.standardErrorOfMean
    #expect(
      abs(errors.mean - published.value) <= tolerance,
      "m=\(bits) seed \(seed): mean \(errors.mean) %, table \(published) ± \(tolerance)")
    #expect(errors.maximum <= 0, "m=\(bits) seed \(seed): a product rounded up by \(errors.maximum) %")
    let bound = -(1 / Double(1 << (bits - 2)) + 0x1.0p-23) * 100
    #expect(errors.minimum > bound, "m=\(bits) seed \(seed): worst \(errors.minimum) % below \(bound) %")
  }

  @Test func fullWidthIsTheIEEEProduct() throws {
    let multiplier = try MantissaMultiplier(bits: 24)
    var random = SeededGenerator(seed: 0xF2_0024)
    for _ in 0..<10_000 {
      let a = random.nextNormalFloat()
      let b = random.nextNormalFloat()
      #expect(multiplier.multiply(a, b).bitPattern == (a * b).bitPattern, "seed \(random.seed): \(a) × \(b)")
    }
    #expect(multiplier.multiply(.greatestFiniteMagnitude, 2) == .infinity)
  }

  @Test func exactWhenTheSignificandsFit() throws {
    // 1.5 and 1.25 need 2 and 3 significand bits: m = 4 multiplies them exactly.
    #expect(try MantissaMultiplier(bits: 4).multiply(1.5, -1.25) == -1.875)
    // m = 1 keeps the hidden one alone: 1.9 × 1.9 becomes 1 × 1.
    #expect(try MantissaMultiplier(bits: 1).multiply(1.9, -3.9) == -2)
  }

  @Test func specialOperandsGoExactAndOutOfRangeResultsSaturateOrFlush() throws {
    let multiplier = try MantissaMultiplier(bits: 8)
    let denormal = Float.leastNonzeroMagnitude * 5
    #expect(multiplier.multiply(0, 3) == 0 && multiplier.multiply(-0.0, 3).sign == .minus)
    #expect(multiplier.multiply(denormal, 1.5) == denormal * 1.5)
    #expect(multiplier.multiply(.infinity, -2) == -.infinity && multiplier.multiply(.nan, 1).isNaN)
    #expect(multiplier.multiply(.greatestFiniteMagnitude, 4) == .infinity)
    let tiny = Float(sign: .plus, exponent: -70, significand: 1)
    #expect(multiplier.multiply(tiny, -tiny).bitPattern == (-0.0 as Float).bitPattern, "2^−140 flushes to −0")
  }

  @Test func rejectsWidthsOutsideTheSignificand() {
    for bits in [0, 25] {
      let error = #expect(throws: ArithmeticError.self, "m=\(bits)") { try MantissaMultiplier(bits: bits) }
      #expect(error?.parameter == "bits")
    }
  }
}
