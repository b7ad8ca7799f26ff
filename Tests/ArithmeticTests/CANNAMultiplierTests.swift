import Arithmetic
import Foundation
import Testing

@Suite struct CANNAMultiplierTests {
  /// A normal float whose fraction passes an n-bit tuning test: its first n + 1 fraction bits
  /// all 0 or all 1 (chosen at random), the rest uniformly random.
  static func passingFloat(tuningBits n: Int, _ random: inout SeededGenerator) -> Float {
    let value = random.nextNormalFloat()
    let tested = UInt32((1 << (n + 1)) - 1) << UInt32(22 - n)
    let bits = random.next() & 1 == 1 ? value.bitPattern | tested : value.bitPattern & ~tested
    return Float(bitPattern: bits)
  }

  /// The approximate path written as arithmetic rather than bit fields: `kept` times ±2^e_tested,
  /// doubled when the tested fraction's first bit is 1 (its significand replaced by 1 or 2).
  static func replacingSignificand(of tested: Float, keeping kept: Float) -> Float {
    let firstBit = Int((tested.bitPattern >> 22) & 1)
    return Float(Double(kept) * Double(sign: tested.sign, exponent: Int(tested.exponent) + firstBit, significand: 1))
  }

  @Test(
    arguments: zip(
      0...8, [UInt64(0xCA_0000), 0xCA_0001, 0xCA_0002, 0xCA_0003, 0xCA_0004, 0xCA_0005, 0xCA_0006, 0xCA_0007, 0xCA_0008]))
  func hitRateOnUniformFractionsIsTwoToTheMinusN(n: Int, seed: UInt64) throws {
    let canna = try CANNAMultiplier(tuningBits: n)
    var random = SeededGenerator(seed: seed)
    let samples = 400_000
    var hits = 0
    for _ in 0..<samples where canna.multiply(random.nextNormalFloat(), random.nextNormalFloat()).hit { hits += 1 }
    let expected = 1 / Double(1 << n)
    let tolerance = 5 * (expected * (1 - expected) / Double(samples)).squareRoot()
    let rate = Double(hits) / Double(samples)
    #expect(abs(rate - expected) <= tolerance, "n=\(n) seed \(seed): hit rate \(rate), expected \(expected) ± \(tolerance)")
  }

  @Test(
    arguments: zip(
      0...8, [UInt64(0xCB_0000), 0xCB_0001, 0xCB_0002, 0xCB_0003, 0xCB_0004, 0xCB_0005, 0xCB_0006, 0xCB_0007, 0xCB_0008]))
  func testingBothOperandsHitsOneMinusTheSquaredMissRate(n: Int, seed: UInt64) throws {
    let canna = try CANNAMultiplier(tuningBits: n, testsBothOperands: true)
    var random = SeededGenerator(seed: seed)
    let samples = 400_000
    var hits = 0
    for _ in 0..<samples where canna.multiply(random.nextNormalFloat(), random.nextNormalFloat()).hit { hits += 1 }
    let miss = 1 - 1 / Double(1 << n)
    let expected = 1 - miss * miss
    let tolerance = 5 * (expected * (1 - expected) / Double(samples)).squareRoot()
    let rate = Double(hits) / Double(samples)
    #expect(abs(rate - expected) <= tolerance, "n=\(n) seed \(seed): hit rate \(rate), expected \(expected) ± \(tolerance)")
  }

  /// docs/sources.md#cfpu2017: a hit's relative error lies in (−h/(1 + h), +h/(2 − h)), h = 2^−(n+1), and both ends
  /// are approached; every hit equals the significand-replacing reference bit for bit.
  @Test(arguments: 0...12)
  func hitsStayInsideTheErrorBoundAndMatchTheReference(n: Int) throws {
    let canna = try CANNAMultiplier(tuningBits: n)
    let seed = 0xCC_0000 + UInt64(n)
    var random = SeededGenerator(seed: seed)
    let h = 1 / Double(1 << (n + 1))
    let (low, high) = (-h / (1 + h), h / (2 - h))
    var errors = RunningMoments()
    for _ in 0..<20_000 {
      let a = random.nextNormalFloat()
      let b = Self.passingFloat(tuningBits: n, &random)
      let (product, hit) = canna.multiply(a, b)
      guard hit, product.bitPattern == Self.replacingSignificand(of: b, keeping: a).bitPattern else {
        Issue.record(
          "n=\(n) seed \(seed): \(a) × \(b) = \(product) (hit \(hit)), reference \(Self.replacingSignificand(of: b, keeping: a))")
        return
      }
      let exact = Double(a) * Double(b)  // exact: 24 × 24 significand bits fit in a double
      errors.add((Double(product) - exact) / exact)
    }
    #expect(
      errors.minimum > low - 1e-15 && errors.maximum < high + 1e-15,
      "n=\(n) seed \(seed): errors [\(errors.minimum), \(errors.maximum)] outside (\(low), \(high))")
    #expect(errors.minimum < 0.99 * low && errors.maximum > 0.99 * high, "n=\(n) seed \(seed): the bound is not approached")
  }

  /// On hits with uniform fractions, B's significand is uniform on [1, 1 + h) or [2 − h, 2),
  /// so the mean relative error is ½(ln(1 + h)/h − 1) + ½(2 ln(2/(2 − h))/h − 1) and the mean
  /// |error| ½(1 − ln(1 + h)/h) + ½(2 ln(2/(2 − h))/h − 1); the Monte-Carlo table of
  /// docs/sources.md#cfpu2017 is a sample of the same.
  @Test(arguments: [
    (0, "-1.90"), (1, "-1.97"), (2, "-1.25"), (3, "-0.71"), (4, "-0.37"), (5, "-0.19"), (6, "-0.10"), (8, "-0.02"),
  ])
  func meanErrorOnHitsMatchesTheClosedForm(n: Int, publishedMean: String) throws {
    let canna = try CANNAMultiplier(tuningBits: n)
    let seed = 0xCD_0000 + UInt64(n)
    var random = SeededGenerator(seed: seed)
    var errors = RunningMoments()
    var absoluteErrors = RunningMoments()
    for _ in 0..<200_000 {
      let a = random.nextNormalFloat()
      let b = Self.passingFloat(tuningBits: n, &random)
      let exact = Double(a) * Double(b)
      let error = (Double(canna.multiply(a, b).product) - exact) / exact
      errors.add(error)
      absoluteErrors.add(abs(error))
    }
    let h = 1 / Double(1 << (n + 1))
    let nearOne = log(1 + h) / h
    let nearTwo = 2 * log(2 / (2 - h)) / h
    let mean = (nearOne - 1 + nearTwo - 1) / 2
    let meanAbsolute = (1 - nearOne + nearTwo - 1) / 2
    // 23-bit fractions are a grid, not a continuum: a 2^−23 relative allowance covers it.
    let slack = 0x1.0p-23
    #expect(
      abs(errors.mean - mean) <= 5 * errors.standardErrorOfMean + slack,
      "n=\(n) seed \(seed): mean \(errors.mean), closed form \(mean)")
    #expect(
      abs(absoluteErrors.mean - meanAbsolute) <= 5 * absoluteErrors.standardErrorOfMean + slack,
      "n=\(n) seed \(seed): mean |e| \(absoluteErrors.mean), closed form \(meanAbsolute)")
    // The table sampled 2 × 10⁶ pairs, of which 2^−n hit.
    let published = Published(publishedMean)
    let tableError = errors.standardDeviation * 100 / (2e6 / Double(1 << n)).squareRoot()
    #expect(
      abs(mean * 100 - published.value) <= published.halfUnit + 4 * tableError,
      "n=\(n): closed form \(mean * 100) %, table \(published)")
  }

  @Test(arguments: [(0, false), (3, false), (3, true), (8, true)])
  func missesAreBitIdenticalToFloatMultiplication(n: Int, testsBoth: Bool) throws {
    let canna = try CANNAMultiplier(tuningBits: n, testsBothOperands: testsBoth)
    let seed = 0xCE_0000 + UInt64(n)
    var random = SeededGenerator(seed: seed)
    var misses = 0
    for _ in 0..<20_000 {
      let a = random.nextNormalFloat()
      let b = random.nextNormalFloat()
      let (product, hit) = canna.multiply(a, b)
      if hit {
        // Which operand was replaced: the second if it passes, else (testing both) the first.
        let secondPasses = canna.passes(fraction: b.bitPattern).passes
        let expected = secondPasses ? Self.replacingSignificand(of: b, keeping: a) : Self.replacingSignificand(of: a, keeping: b)
        #expect(testsBoth || secondPasses, "n=\(n) seed \(seed)")
        #expect(product.bitPattern == expected.bitPattern, "n=\(n) seed \(seed): \(a) × \(b) = \(product), reference \(expected)")
      } else {
        misses += 1
        #expect(
          product.bitPattern == (a * b).bitPattern, "n=\(n) seed \(seed): miss \(a) × \(b) = \(product), Float gives \(a * b)")
      }
    }
    #expect(n == 0 || misses > 0)
  }

  @Test func handWorkedProducts() throws {
    let canna = try CANNAMultiplier(tuningBits: 3)
    // 2.0 has a zero fraction: every test passes and the product is exact.
    #expect(canna.multiply(3.0, 2.0) == (6.0, true))
    // 1.99999988 (fraction all ones): b1 = 1 adds one to the exponent, 1.5 × 2 = 3.
    #expect(canna.multiply(1.5, Float(bitPattern: 0x3FFF_FFFF)) == (3.0, true))
    // 1.5 (fraction 100…): b1 = 1 but the next bit is 0: a miss, exact.
    #expect(canna.multiply(1.25, 1.5) == (1.875, false))
    // Testing both: 1.5 fails, then 1.0000001 passes and is replaced by 1, keeping 1.5 exactly.
    let both = try CANNAMultiplier(tuningBits: 3, testsBothOperands: true)
    #expect(both.multiply(Float(bitPattern: 0x3F80_0001), 1.5) == (1.5, true))
    #expect(canna.multiply(Float(bitPattern: 0x3F80_0001), 1.5).hit == false)
  }

  @Test func specialOperandsGoExactAndZeroCountsAsAHit() throws {
    let canna = try CANNAMultiplier(tuningBits: 4)
    let denormal = Float.leastNonzeroMagnitude * 3
    #expect(canna.multiply(0, 5) == (0, true))
    #expect(canna.multiply(-0.0, 5).product.bitPattern == (-0.0 as Float).bitPattern, "the zero keeps its sign")
    #expect(canna.multiply(7, 0).hit && canna.multiply(denormal, 0).hit)
    #expect(canna.multiply(0, .infinity).hit == false && canna.multiply(0, .infinity).product.isNaN)
    #expect(canna.multiply(denormal, 1.5) == (denormal * 1.5, false))
    #expect(canna.multiply(.infinity, 2) == (.infinity, false))
    #expect(canna.multiply(.nan, 2).product.isNaN && canna.multiply(2, .nan).hit == false)
  }

  @Test func approximateOverflowIsInfinityAndUnderflowFlushesToZero() throws {
    let canna = try CANNAMultiplier(tuningBits: 2)
    #expect(canna.multiply(Float.greatestFiniteMagnitude, 2) == (.infinity, true))
    #expect(canna.multiply(-Float.greatestFiniteMagnitude, 2) == (-.infinity, true))
    // 2^−70 × 2^−70 = 2^−140 is a denormal exactly; the approximate path flushes it to +0.
    let tiny = Float(sign: .plus, exponent: -70, significand: 1)
    #expect((tiny * tiny) > 0)
    #expect(canna.multiply(tiny, tiny) == (0, true))
    #expect(canna.multiply(-tiny, tiny).product.bitPattern == (-0.0 as Float).bitPattern)
  }

  @Test func rejectsTuningBitsOutsideTheFraction() {
    for n in [-1, 23] {
      let error = #expect(throws: ArithmeticError.self, "n=\(n)") { try CANNAMultiplier(tuningBits: n) }
      #expect(error?.parameter == "tuningBits")
    }
  }
}
