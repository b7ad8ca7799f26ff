import Arithmetic
import Foundation
import SimKernel
import Testing

@Suite struct DRUMMultiplierTests {
  /// The DRUM approximation of x written the way the paper describes it, bit by bit: keep the
  /// leading one and the k − 2 bits below it, set the next bit, drop the rest.
  static func referenceOperand(_ x: UInt64, k: Int) -> UInt64 {
    guard x >= 1 << UInt64(k) else { return x }
    var leading = 63
    while x >> UInt64(leading) == 0 { leading -= 1 }
    var value: UInt64 = 0
    for bit in (leading - k + 2)...leading where x & (1 << UInt64(bit)) != 0 { value |= 1 << UInt64(bit) }
    return value | 1 << UInt64(leading - k + 1)
  }

  @Test(arguments: 3...6)
  func matchesTheBitSlicingReferenceOnEveryPairOfBytes(k: Int) throws {
    let drum = try DRUMMultiplier(k: k)
    for a in UInt64(0)..<256 {
      let approximateA = Self.referenceOperand(a, k: k)
      for b in UInt64(0)..<256 {
        let expected = approximateA * Self.referenceOperand(b, k: k)
        if drum.multiply(a, b) != expected {
          Issue.record("k=\(k): \(a) x \(b) = \(drum.multiply(a, b)), expected \(expected)")
          return
        }
      }
    }
  }

  @Test func valuesThatFitInKBitsAreExact() throws {
    let drum = try DRUMMultiplier(k: 6)
    for a in UInt64(0)..<64 { for b in UInt64(0)..<64 { #expect(drum.multiply(a, b) == a * b) } }
  }

  /// DRUM's published error for uniform 16-bit operands: std 3.61 % at k = 5 and 0.45 % at
  /// k = 8 (abstract), and the full table reproduced in design/hardware-specs.md §B.3.
  @Test(arguments: [(5, 3.615, 0.14, 2.94), (6, 1.81, 0.045, 1.47), (8, 0.451, 0.011, 0.37)])
  func reproducesThePublishedErrorTable(k: Int, std: Double, mean: Double, meanAbsolute: Double) throws {
    let drum = try DRUMMultiplier(k: k)
    var random = SplitMix64(seed: 2015 + UInt64(k))
    let samples = 300_000
    var sum = 0.0
    var sumSquares = 0.0
    var sumAbsolute = 0.0
    for _ in 0..<samples {
      let a = 1 + random.next() % 65535
      let b = 1 + random.next() % 65535
      let error = (Double(drum.multiply(a, b)) - Double(a * b)) / Double(a * b) * 100
      sum += error
      sumSquares += error * error
      sumAbsolute += abs(error)
    }
    let measuredMean = sum / Double(samples)
    let measuredStd = (sumSquares / Double(samples) - measuredMean * measuredMean).squareRoot()
    #expect(abs(measuredStd - std) < 0.05, "k=\(k): std \(measuredStd) %")
    #expect(abs(measuredMean - mean) < 0.03, "k=\(k): mean \(measuredMean) %")
    #expect(abs(sumAbsolute / Double(samples) - meanAbsolute) < 0.03, "k=\(k): mean absolute \(sumAbsolute / Double(samples)) %")
  }

  @Test func signedProductsTakeTheXorOfTheSigns() throws {
    let drum = try DRUMMultiplier(k: 6)
    for (a, b) in [(Int64(1234), Int64(-567)), (-1234, 567), (-1234, -567), (32767, -32768)] {
      let magnitude = Int64(drum.multiply(a.magnitude, b.magnitude))
      #expect(drum.multiply(a, b) == ((a < 0) != (b < 0) ? -magnitude : magnitude))
    }
    #expect(drum.multiply(Int64(0), Int64(-5)) == 0)
  }

  @Test func onesComplementVariantIsOffByOneWhereTheRTLIs() throws {
    let drum = try DRUMMultiplier(k: 6, onesComplementSign: true)
    // -8 has one's-complement magnitude 7; 7 * 3 = 21, negated with ~: -22.
    #expect(drum.multiply(Int64(-8), Int64(3)) == -22)
    #expect(drum.multiply(Int64(8), Int64(3)) == 24)
  }

  @Test func rejectsKOutsideItsRange() {
    #expect(throws: ArithmeticError.self) { try DRUMMultiplier(k: 2) }
    #expect(throws: ArithmeticError.self) { try DRUMMultiplier(k: 33) }
  }
}
