import Arithmetic
import Testing

@Suite struct FixedPointFormatTests {
  /// Round-to-nearest-even written on integers: `halfUnits` is the value in units of half a
  /// word, so an odd count is a tie between two words and goes to the even one.
  static func referenceQuantize(halfUnits: Int64, wordBits: Int) -> Int64 {
    let floor = halfUnits >> 1
    let nearest = halfUnits & 1 == 0 ? floor : (floor & 1 == 0 ? floor : floor + 1)
    return min(max(nearest, -(Int64(1) << Int64(wordBits - 1))), (Int64(1) << Int64(wordBits - 1)) - 1)
  }

  @Test(arguments: [(2, 0), (5, 3), (6, -2), (8, 4), (8, 12), (12, 11)])
  func quantizeRoundsHalfWordsToEvenAndSaturatesExhaustively(wordBits: Int, fractionBits: Int) throws {
    let format = try FixedPointFormat(wordBits: wordBits, fractionBits: fractionBits)
    let span = Int64(1) << Int64(wordBits + 1)  // twice past the range on both sides, in half words
    let halfWord = Double(sign: .plus, exponent: -fractionBits - 1, significand: 1)
    var mismatches = 0
    for halfUnits in -span...span {
      let value = Double(halfUnits) * halfWord
      let expected = Self.referenceQuantize(halfUnits: halfUnits, wordBits: wordBits)
      if format.quantize(value) != expected || format.quantize(Float(value)) != expected { mismatches += 1 }
    }
    #expect(mismatches == 0, "W=\(wordBits) F=\(fractionBits)")
  }

  @Test func everyWordRoundTripsThroughItsValue() throws {
    for wordBits in 2...12 {
      for fractionBits in [-3, 0, wordBits - 1, 20] {
        let format = try FixedPointFormat(wordBits: wordBits, fractionBits: fractionBits)
        var failures = 0
        for word in format.minimumWord...format.maximumWord where format.quantize(format.dequantize(word)) != word {
          failures += 1
        }
        #expect(failures == 0, "W=\(wordBits) F=\(fractionBits)")
      }
    }
    let wide = try FixedPointFormat(wordBits: 32, fractionBits: 31)
    for word in [wide.minimumWord, -1, 0, 1, wide.maximumWord] { #expect(wide.quantize(wide.dequantize(word)) == word) }
  }

  @Test func nonFiniteValuesSaturateOrGoToZero() throws {
    let format = try FixedPointFormat(wordBits: 8, fractionBits: 4)
    #expect(format.quantize(Double.infinity) == 127 && format.quantize(-Double.infinity) == -128)
    #expect(format.quantize(Double.nan) == 0 && format.quantize(Float.nan) == 0)
    #expect(format.quantize(1e300) == 127 && format.round(-1e300) == -8)
    #expect(format.resolution == 0.0625)
  }

  /// Truncation must equal QCNPE's `value & (Int32(-1) << (W − p))` and flooring to a multiple
  /// of 2^(W−p), on every word of every width up to 12 bits.
  @Test func truncationMatchesQCNPEAndFloorsExhaustively() throws {
    var mismatches: [String] = []
    for wordBits in 2...12 {
      let format = try FixedPointFormat(wordBits: wordBits, fractionBits: 0)
      for bits in 1...wordBits {
        let step = Int64(1) << Int64(wordBits - bits)
        for word in format.minimumWord...format.maximumWord {
          let truncated = format.truncate(word, toBits: bits)
          let qcnpe = Int64(Int32(word) & (Int32(-1) << Int32(wordBits - bits)))
          let floored = Int64((Double(word) / Double(step)).rounded(.down)) * step
          if truncated != qcnpe || truncated != floored, mismatches.count < 5 {
            mismatches.append("W=\(wordBits) p=\(bits) word \(word)")
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test func truncationOutsideOneToWKeepsTheWordOrItsSignBit() throws {
    let format = try FixedPointFormat(wordBits: 8, fractionBits: 0)
    #expect(format.truncate(-77, toBits: 8) == -77 && format.truncate(-77, toBits: 40) == -77)
    #expect(format.truncate(-77, toBits: 0) == -128 && format.truncate(77, toBits: -3) == 0)
    // 1.3 is 21/16 = 0001_0101: four bits keep 0001_0000 = 1.0; −1.3 is 1110_1011, kept 1110_0000 = −2.0.
    let sixteenths = try FixedPointFormat(wordBits: 8, fractionBits: 4)
    #expect(sixteenths.round(1.3, toBits: 4) == 1.0 && sixteenths.round(-1.3, toBits: 4) == -2.0)
  }

  @Test(arguments: [(0.9, 7), (0.99, 7), (0.999, 7), (1.0, 6), (3.5, 5), (0.1, 10), (100.0, 0), (0.0, 7), (1000.0, -3)])
  func dynamicFormatsUseEveryBitTheRangeAllows(magnitude: Double, fractionBits: Int) throws {
    let format = try FixedPointFormat.dynamic(wordBits: 8, covering: magnitude)
    #expect(format.fractionBits == fractionBits, "M=\(magnitude)")
  }

  /// The dynamic choice is the largest F with M · 2^F below 2^(W−1) words, and it costs ±M
  /// less than one LSB (saturation included), for magnitudes across 2^±40 and every width.
  @Test(arguments: [UInt64(0xF1_0001), 0xF1_0002, 0xF1_0003])
  func dynamicFractionLengthIsTheLargestThatKeepsTheMaximumInRange(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    for _ in 0..<2_000 {
      let wordBits = Int(2 + random.next() % 31)
      let magnitude = Double(
        sign: .plus, exponent: Int(random.next() % 81) - 40, significand: 1 + Double(random.next() >> 11) * 0x1.0p-53)
      let format = try FixedPointFormat.dynamic(wordBits: wordBits, covering: magnitude)
      let scaled = magnitude * Double(sign: .plus, exponent: format.fractionBits, significand: 1)
      let range = Double(sign: .plus, exponent: wordBits - 1, significand: 1)
      let shape = "seed \(seed): W=\(wordBits) M=\(magnitude) F=\(format.fractionBits)"
      #expect(scaled < range && 2 * scaled >= range, "\(shape)")
      #expect(abs(format.round(magnitude) - magnitude) < format.resolution, "\(shape)")
      #expect(abs(format.round(-magnitude) + magnitude) < format.resolution, "\(shape)")
    }
  }

  @Test func rejectsImpossibleFormats() {
    for (wordBits, fractionBits) in [(1, 0), (33, 0), (16, 1001), (16, -1001)] {
      #expect(throws: ArithmeticError.self, "W=\(wordBits) F=\(fractionBits)") {
        try FixedPointFormat(wordBits: wordBits, fractionBits: fractionBits)
      }
    }
    for magnitude in [Double.infinity, .nan, -1] {
      let error = #expect(throws: ArithmeticError.self, "M=\(magnitude)") {
        try FixedPointFormat.dynamic(wordBits: 8, covering: magnitude)
      }
      #expect(error?.parameter == "maximumMagnitude")
    }
  }
}
