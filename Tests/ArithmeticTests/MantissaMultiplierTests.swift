import Arithmetic
import SimKernel
import Testing

@Suite struct MantissaMultiplierTests {
  /// FramNN's multiplier on uniform fractions: the mean relative error table of
  /// design/hardware-specs.md §D.3, always negative.
  @Test(arguments: [(4, -8.35), (6, -2.15), (8, -0.54), (10, -0.135), (12, -0.034), (16, -0.0021)])
  func reproducesTheMeanErrorTable(bits: Int, meanPercent: Double) throws {
    let multiplier = try MantissaMultiplier(bits: bits)
    var random = SplitMix64(seed: 2018 + UInt64(bits))
    let samples = 200_000
    var sum = 0.0
    for _ in 0..<samples {
      let a = CANNAMultiplierTests.randomFloat(&random)
      let b = CANNAMultiplierTests.randomFloat(&random)
      let exact = Double(a) * Double(b)
      let error = (Double(multiplier.multiply(a, b)) - exact) / exact * 100
      #expect(error <= 1e-5, "m=\(bits): \(a) x \(b) rounded up")
      sum += error
    }
    let mean = sum / Double(samples)
    #expect(abs(mean - meanPercent) <= max(0.02 * abs(meanPercent), 0.0002), "m=\(bits): mean \(mean) %")
  }

  @Test func fullWidthIsTheIEEEProduct() throws {
    let multiplier = try MantissaMultiplier(bits: 24)
    var random = SplitMix64(seed: 1)
    for _ in 0..<10_000 {
      let a = CANNAMultiplierTests.randomFloat(&random)
      let b = CANNAMultiplierTests.randomFloat(&random)
      #expect(multiplier.multiply(a, b).bitPattern == (a * b).bitPattern)
    }
  }

  @Test func exactWhenTheSignificandsFit() throws {
    // 1.5 and 1.25 need 2 and 3 significand bits: m = 4 multiplies them exactly.
    #expect(try MantissaMultiplier(bits: 4).multiply(1.5, -1.25) == -1.875)
    #expect(try MantissaMultiplier(bits: 4).multiply(0, 3) == 0)
  }
}
