import Arithmetic
import Testing

@Suite struct DRUMMultiplierTests {
  /// DRUM's operand written from the paper's bit-slicing description rather than a shift: find
  /// the leading one t by scanning, copy bits t … t − k + 2, set bit t − k + 1, drop the rest;
  /// a value below 2^k is used as is.
  static func referenceOperand(_ x: UInt64, k: Int) -> UInt64 {
    guard x >= 1 << UInt64(k) else { return x }
    var leading = 63
    while (x >> UInt64(leading)) & 1 == 0 { leading -= 1 }
    var kept: UInt64 = 0
    for bit in (leading - k + 2)...leading where (x >> UInt64(bit)) & 1 == 1 { kept |= 1 << UInt64(bit) }
    return kept | 1 << UInt64(leading - k + 1)
  }

  /// `DRUMk_M_N_s.v` transcribed on n-bit vectors: ~x for a negative operand, the unsigned core,
  /// ~r when the signs differ, the 2n-bit result read as two's complement.
  static func referenceOnesComplement(_ a: Int64, _ b: Int64, k: Int, n: Int) -> Int64 {
    let operandMask = (UInt64(1) << UInt64(n)) - 1
    let resultMask = (UInt64(1) << UInt64(2 * n)) - 1
    let wordA = UInt64(bitPattern: a) & operandMask
    let wordB = UInt64(bitPattern: b) & operandMask
    let signA = wordA >> UInt64(n - 1)
    let signB = wordB >> UInt64(n - 1)
    let magnitudeA = signA == 1 ? ~wordA & operandMask : wordA
    let magnitudeB = signB == 1 ? ~wordB & operandMask : wordB
    let core = referenceOperand(magnitudeA, k: k) * referenceOperand(magnitudeB, k: k)
    let result = signA ^ signB == 1 ? ~core & resultMask : core
    return result >> UInt64(2 * n - 1) == 1 ? Int64(result) - Int64(1 << UInt64(2 * n)) : Int64(result)
  }

  @Test(arguments: 3...6)
  func unsignedProductsMatchTheBitSlicingReferenceOnEveryPairOfBytes(k: Int) throws {
    let drum = try DRUMMultiplier(k: k, operandBits: 8)
    let reference = (UInt64(0)..<256).map { Self.referenceOperand($0, k: k) }
    var mismatches = 0
    for a in UInt64(0)..<256 {
      for b in UInt64(0)..<256 where drum.multiply(a, b) != reference[Int(a)] * reference[Int(b)] {
        if mismatches == 0 {
          Issue.record("k=\(k): \(a) × \(b) = \(drum.multiply(a, b)), expected \(reference[Int(a)] * reference[Int(b)])")
        }
        mismatches += 1
      }
    }
    #expect(mismatches == 0, "k=\(k): \(mismatches) of 65,536 byte pairs differ")
  }

  @Test(arguments: 3...8)
  func everySixteenBitOperandIsApproximatedAsTheRTLDoes(k: Int) throws {
    let drum = try DRUMMultiplier(k: k)
    var mismatches = 0
    for x in UInt64(0)..<65536 {
      let (mantissa, shift) = drum.approximate(x)
      if mantissa << UInt64(shift) != Self.referenceOperand(x, k: k) || mantissa >= 1 << UInt64(k) { mismatches += 1 }
    }
    #expect(mismatches == 0, "k=\(k): \(mismatches) operands differ from the reference or exceed k bits")
  }

  @Test func valuesThatFitInKBitsAreExact() throws {
    for k in 3...8 {
      let drum = try DRUMMultiplier(k: k)
      let limit = UInt64(1) << UInt64(k)
      var inexact = 0
      for a in 0..<limit { for b in 0..<limit where drum.multiply(a, b) != a * b { inexact += 1 } }
      #expect(inexact == 0, "k=\(k)")
    }
  }

  /// docs/sources.md#drum-rtl, measured with 4 × 10⁶ uniform pairs on [1, 2^16): k, mean, mean |e|, std, max, min (%).
  static let publishedTable:
    [(k: Int, mean: Published, meanAbsolute: Published, std: Published, max: Published, min: Published)] = [
      (3, Published("2.08"), Published("11.91"), Published("14.75"), Published("56.2"), Published("-30.5")),
      (4, Published("0.54"), Published("5.90"), Published("7.26"), Published("26.6"), Published("-19.0")),
      (5, Published("0.14"), Published("2.94"), Published("3.615"), Published("12.9"), Published("-10.7")),
      (6, Published("0.045"), Published("1.47"), Published("1.81"), Published("6.33"), Published("-5.73")),
      (7, Published("0.018"), Published("0.73"), Published("0.90"), Published("3.14"), Published("-2.95")),
      (8, Published("0.011"), Published("0.37"), Published("0.451"), Published("1.56"), Published("-1.49")),
    ]
  /// The table's own sample size: its values carry a sampling error of σ/√N (mean) and about
  /// σ/√(2N) (standard deviation).
  static let publishedSamples = 4_000_000.0

  /// With independent uniform operands the relative error is f(a)·f(b) − 1, f(x) = drum(x)/x,
  /// so the whole-domain moments follow exactly from one pass over the 65,535 operands:
  /// mean = E[f]² − 1, variance = E[f²]² − E[f]⁴, extremes = (max f)² − 1 and (min f)² − 1.
  @Test(arguments: 3...8)
  func exactDomainStatisticsMatchThePublishedTable(k: Int) throws {
    let drum = try DRUMMultiplier(k: k)
    guard let row = Self.publishedTable.first(where: { $0.k == k }) else { return }
    var sumF = 0.0
    var sumF2 = 0.0
    var largest = 0.0
    var smallest = 2.0
    for x in UInt64(1)..<65536 {
      let f = Double(drum.multiply(x, 1)) / Double(x)
      sumF += f
      sumF2 += f * f
      largest = max(largest, f)
      smallest = min(smallest, f)
    }
    let meanF = sumF / 65535
    let meanF2 = sumF2 / 65535
    let mean = (meanF * meanF - 1) * 100
    let std = (meanF2 * meanF2 - meanF * meanF * meanF * meanF).squareRoot() * 100
    let meanTolerance = row.mean.halfUnit + 4 * std / Self.publishedSamples.squareRoot()
    let stdTolerance = row.std.halfUnit + 4 * std / (2 * Self.publishedSamples).squareRoot()
    #expect(abs(mean - row.mean.value) <= meanTolerance, "k=\(k): exact mean \(mean) %, table \(row.mean) ± \(meanTolerance)")
    #expect(abs(std - row.std.value) <= stdTolerance, "k=\(k): exact std \(std) %, table \(row.std) ± \(stdTolerance)")
    // The largest error is attained (x = 2^k on both sides): (1 + 2^−(k−1))² − 1.
    let analyticMaximum = ((1 + 1 / Double(1 << (k - 1))) * (1 + 1 / Double(1 << (k - 1))) - 1) * 100
    #expect(abs((largest * largest - 1) * 100 - analyticMaximum) < 1e-9, "k=\(k)")
    // The table's extremes are the extremes of its sample: inside the domain's (up to the
    // printed rounding) and within 0.1 pp of them.
    for (exact, published) in [((largest * largest - 1) * 100, row.max), ((smallest * smallest - 1) * 100, row.min)] {
      #expect(abs(published.value) <= abs(exact) + published.halfUnit, "k=\(k): table \(published) beyond the domain's \(exact)")
      #expect(abs(published.value - exact) <= 0.1 + published.halfUnit, "k=\(k): table \(published), exact \(exact)")
    }
  }

  /// Seeded Monte-Carlo on uniform 16-bit pairs reproduces the table.
  ///
  /// The tolerance is the table's rounding plus 4 of its standard errors plus 5 of ours; at
  /// k = 5, 6 and 8 it must also be within 0.05 percentage points for the standard deviation.
  @Test(arguments: zip(3...8, [UInt64(0xD5_0003), 0xD5_0004, 0xD5_0005, 0xD5_0006, 0xD5_0007, 0xD5_0008]))
  func monteCarloErrorMatchesThePublishedTable(k: Int, seed: UInt64) throws {
    let drum = try DRUMMultiplier(k: k)
    guard let row = Self.publishedTable.first(where: { $0.k == k }) else { return }
    var random = SeededGenerator(seed: seed)
    var errors = RunningMoments()
    var absoluteErrors = RunningMoments()
    let limit = 1 / Double(1 << (k - 1))
    let (lowest, highest) = (((1 - limit) * (1 - limit) - 1) * 100, ((1 + limit) * (1 + limit) - 1) * 100)
    var outside = 0
    for _ in 0..<1_000_000 {
      let a = 1 + random.next() % 65535
      let b = 1 + random.next() % 65535
      let error = (Double(drum.multiply(a, b)) - Double(a * b)) / Double(a * b) * 100
      if !(error > lowest && error <= highest) { outside += 1 }
      errors.add(error)
      absoluteErrors.add(abs(error))
    }
    #expect(outside == 0, "k=\(k) seed \(seed): \(outside) products outside (\(lowest), \(highest)] %")
    func tolerance(_ published: Published, _ standardError: Double, tableError: Double) -> Double {
      published.halfUnit + 4 * tableError + 5 * standardError
    }
    let std = errors.standardDeviation
    let checks: [(String, Double, Published, Double)] = [
      (
        "mean", errors.mean, row.mean,
        tolerance(row.mean, errors.standardErrorOfMean, tableError: std / Self.publishedSamples.squareRoot())
      ),
      (
        "mean |e|", absoluteErrors.mean, row.meanAbsolute,
        tolerance(
          row.meanAbsolute, absoluteErrors.standardErrorOfMean,
          tableError: absoluteErrors.standardDeviation / Self.publishedSamples.squareRoot())
      ),
      (
        "std", std, row.std,
        tolerance(row.std, errors.standardErrorOfStandardDeviation, tableError: std / (2 * Self.publishedSamples).squareRoot())
      ),
    ]
    for (name, measured, published, allowed) in checks {
      #expect(
        abs(measured - published.value) <= allowed, "k=\(k) seed \(seed): \(name) \(measured) %, table \(published) ± \(allowed)")
    }
    if [5, 6, 8].contains(k) {
      #expect(abs(std - row.std.value) <= 0.05, "k=\(k) seed \(seed): std \(std) %, table \(row.std)")
      #expect(checks[2].3 <= 0.05, "k=\(k): the statistical tolerance \(checks[2].3) pp is looser than 0.05 pp")
    }
  }

  @Test(arguments: 3...6)
  func signedProductsAreExactMagnitudesWithTheXorOfTheSigns(k: Int) throws {
    let drum = try DRUMMultiplier(k: k, operandBits: 8)
    var mismatches = 0
    for a in Int64(-128)...127 {
      for b in Int64(-128)...127 {
        let magnitude = Int64(Self.referenceOperand(a.magnitude, k: k) * Self.referenceOperand(b.magnitude, k: k))
        let expected = (a < 0) != (b < 0) ? -magnitude : magnitude
        if drum.multiply(a, b) != expected { mismatches += 1 }
      }
    }
    #expect(mismatches == 0, "k=\(k): \(mismatches) of 65,536 signed byte pairs differ")
    // Negation is exact: the product's sign flips and its magnitude does not move.
    #expect(drum.multiply(Int64(-100), Int64(77)) == -drum.multiply(Int64(100), Int64(77)))
  }

  @Test(arguments: 3...6)
  func onesComplementVariantMatchesTheDFKIVerilogOnEveryPairOfBytes(k: Int) throws {
    let drum = try DRUMMultiplier(k: k, operandBits: 8, onesComplementSign: true)
    var mismatches = 0
    for a in Int64(-128)...127 {
      for b in Int64(-128)...127 where drum.multiply(a, b) != Self.referenceOnesComplement(a, b, k: k, n: 8) { mismatches += 1 }
    }
    #expect(mismatches == 0, "k=\(k): \(mismatches) of 65,536 signed byte pairs differ")
  }

  @Test func onesComplementVariantIsOffByOneWhereTheRTLIs() throws {
    let drum = try DRUMMultiplier(k: 6, onesComplementSign: true)
    // −8 has one's-complement magnitude 7; 7 × 3 = 21, negated with ~: −22.
    #expect(drum.multiply(Int64(-8), Int64(3)) == -22)
    #expect(drum.multiply(Int64(8), Int64(3)) == 24)
    // Zero times a negative operand: ~0 = −1.
    #expect(drum.multiply(Int64(0), Int64(-5)) == -1)
    #expect(try DRUMMultiplier(k: 6).multiply(Int64(0), Int64(-5)) == 0)
  }

  @Test func operandPortsReadTheLowNBits() throws {
    let drum = try DRUMMultiplier(k: 6, operandBits: 16)
    #expect(drum.multiply(UInt64(0x1_0005), UInt64(3)) == drum.multiply(UInt64(5), UInt64(3)))
    // 0xFFFF on a 16-bit signed port is −1.
    #expect(drum.multiply(Int64(0xFFFF), Int64(300)) == drum.multiply(Int64(-1), Int64(300)))
    // −2^15 has the exact magnitude 2^15, which DRUM-6 reads as 33 · 2^10.
    #expect(drum.multiply(Int64(-32768), Int64(-32768)) == 33 * 33 << 20)
    #expect(drum.multiply(Int64(-32768), Int64(32767)) == -Int64(drum.multiply(UInt64(32768), UInt64(32767))))
  }

  @Test func thirtyTwoBitOperandsFitTheSixtyFourBitProduct() throws {
    let exact = try DRUMMultiplier(k: 32, operandBits: 32)
    #expect(exact.multiply(UInt64(UInt32.max), UInt64(UInt32.max)) == UInt64(UInt32.max) * UInt64(UInt32.max))
    #expect(exact.multiply(Int64(Int32.min), Int64(Int32.min)) == 1 << 62)
    #expect(exact.multiply(Int64(Int32.min), Int64(Int32.max)) == Int64(Int32.min) * Int64(Int32.max))
    let drum = try DRUMMultiplier(k: 3, operandBits: 32)
    // 2^31 → (4 | 1) << 29: 1.25 · 2^31, squared 1.5625 · 2^62, still below 2^63.
    #expect(drum.multiply(Int64(Int32.min), Int64(Int32.min)) == 25 << 58)
  }

  @Test func rejectsParametersOutsideTheirRanges() {
    for (k, operandBits) in [(2, 16), (17, 16), (3, 2), (6, 33)] {
      #expect(throws: ArithmeticError.self, "k=\(k), n=\(operandBits)") { try DRUMMultiplier(k: k, operandBits: operandBits) }
    }
    let error = #expect(throws: ArithmeticError.self) { try DRUMMultiplier(k: 2) }
    #expect(error?.parameter == "k")
  }
}
