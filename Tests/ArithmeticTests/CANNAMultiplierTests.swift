import Arithmetic
import SimKernel
import Testing

@Suite struct CANNAMultiplierTests {
  /// A random normal float with a uniformly random fraction and a moderate exponent.
  static func randomFloat(_ random: inout SplitMix64) -> Float {
    let fraction = UInt32(truncatingIfNeeded: random.next()) & 0x7F_FFFF
    let exponent = UInt32(110 + random.next() % 36)
    let sign = UInt32(random.next() & 1) << 31
    return Float(bitPattern: sign | exponent << 23 | fraction)
  }

  @Test(arguments: 0...8)
  func hitRateOnUniformFractionsIsTwoToTheMinusN(n: Int) throws {
    let canna = try CANNAMultiplier(tuningBits: n)
    var random = SplitMix64(seed: 32 + UInt64(n))
    let samples = 200_000
    var hits = 0
    for _ in 0..<samples where canna.multiply(Self.randomFloat(&random), Self.randomFloat(&random)).hit { hits += 1 }
    let expected = 1 / Double(1 << n)
    let tolerance = 5 * (expected * (1 - expected) / Double(samples)).squareRoot() + 1e-9
    #expect(abs(Double(hits) / Double(samples) - expected) <= tolerance, "n=\(n): \(Double(hits) / Double(samples))")
  }

  @Test(arguments: [1, 3])
  func testingBothOperandsHitsOneMinusTheSquaredMissRate(n: Int) throws {
    let canna = try CANNAMultiplier(tuningBits: n, testsBothOperands: true)
    var random = SplitMix64(seed: 99)
    let samples = 200_000
    var hits = 0
    for _ in 0..<samples where canna.multiply(Self.randomFloat(&random), Self.randomFloat(&random)).hit { hits += 1 }
    let miss = 1 - 1 / Double(1 << n)
    let expected = 1 - miss * miss
    #expect(abs(Double(hits) / Double(samples) - expected) < 5 * (expected * (1 - expected) / Double(samples)).squareRoot())
  }

  /// The error bound of design/hardware-specs.md §D.1: with the second significand replaced by
  /// 1 or 2, the relative error lies in (−2^−(n+1)/(1+2^−(n+1)), +2^−(n+1)/(2−2^−(n+1))).
  @Test(arguments: 0...10)
  func approximateProductsStayInsideTheErrorBound(n: Int) throws {
    let canna = try CANNAMultiplier(tuningBits: n)
    var random = SplitMix64(seed: 7 + UInt64(n))
    let half = 1 / Double(1 << (n + 1))
    let low = -half / (1 + half)
    let high = half / (2 - half)
    var checked = 0
    for _ in 0..<100_000 {
      let a = Self.randomFloat(&random)
      let b = Self.randomFloat(&random)
      let (product, hit) = canna.multiply(a, b)
      if hit {
        let exact = Double(a) * Double(b)
        let error = (Double(product) - exact) / exact
        #expect(error >= low - 1e-7 && error <= high + 1e-7, "n=\(n): \(a) x \(b) error \(error)")
        checked += 1
      } else {
        #expect(product.bitPattern == (a * b).bitPattern)
      }
    }
    #expect(checked > 0)
  }

  @Test func handWorkedProducts() throws {
    let canna = try CANNAMultiplier(tuningBits: 3)
    // 2.0 has a zero fraction: every test passes and the product is exact.
    #expect(canna.multiply(3.0, 2.0) == (6.0, true))
    // 1.99999988 (fraction all ones): b1 = 1 adds one to the exponent, 1.5 x 2 = 3.
    #expect(canna.multiply(1.5, Float(bitPattern: 0x3FFF_FFFF)) == (3.0, true))
    // 1.5 (fraction 100...): b1 = 1 but the next bit is 0: a miss, exact.
    #expect(canna.multiply(1.25, 1.5) == (1.875, false))
    // Zero is a hit with an exact zero; NaN and infinity take the exact path.
    #expect(canna.multiply(0, 5) == (0, true))
    #expect(canna.multiply(.infinity, 2).hit == false)
    #expect(canna.multiply(.nan, 2).product.isNaN)
    // Overflow on the approximate path gives infinity.
    #expect(canna.multiply(Float.greatestFiniteMagnitude, 2).product == .infinity)
  }
}
