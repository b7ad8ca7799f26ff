import Arithmetic
import Testing

@Suite struct FixedPointFormatTests {
  @Test func wordsRoundTripAndValuesSaturate() throws {
    let format = try FixedPointFormat(wordBits: 8, fractionBits: 4)
    for word in Int64(-128)...127 { #expect(format.quantize(format.dequantize(word)) == word) }
    #expect(format.quantize(100) == 127)
    #expect(format.quantize(-100) == -128)
    #expect(format.quantize(0.03125) == 0, "ties go to even")
    #expect(format.quantize(0.09375) == 2, "1.5 units rounds to 2")
    #expect(format.quantize(.nan) == 0)
  }

  @Test func truncationKeepsTheMostSignificantBitsExhaustively() throws {
    let format = try FixedPointFormat(wordBits: 8, fractionBits: 0)
    for word in Int64(-128)...127 {
      for bits in 1...8 {
        // Zeroing the 8 − bits low bits is flooring to a multiple of 2^(8 − bits).
        let step = Int64(1) << Int64(8 - bits)
        let expected = Int64((Double(word) / Double(step)).rounded(.down)) * step
        #expect(format.truncate(word, toBits: bits) == expected, "\(word) to \(bits) bits")
      }
    }
  }

  @Test(arguments: [(0.9, 7), (1.0, 6), (3.5, 5), (0.1, 10), (100.0, 0)])
  func dynamicFormatsUseEveryBitTheRangeAllows(magnitude: Double, fractionBits: Int) throws {
    let format = try FixedPointFormat.dynamic(wordBits: 8, covering: magnitude)
    #expect(format.fractionBits == fractionBits)
    #expect(format.quantize(magnitude) < format.maximumWord || magnitude == 100)
  }

  @Test func rejectsImpossibleFormats() {
    #expect(throws: ArithmeticError.self) { try FixedPointFormat(wordBits: 1, fractionBits: 0) }
    #expect(throws: ArithmeticError.self) { try FixedPointFormat.dynamic(wordBits: 8, covering: .infinity) }
  }
}
