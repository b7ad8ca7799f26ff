import Arithmetic
import Foundation
import Testing

@Suite struct NearThresholdSRAMTests {
  /// log10 p(V) written as two straight lines by their slopes: −1 decade per 0.26 V from
  /// (0.40 V, −1), −1 decade per 0.19 V from (0.66 V, −2).
  static func referenceLog10Probability(volts: Double) -> Double {
    volts < 0.66 ? -1 - (volts - 0.40) / 0.26 : -2 - (volts - 0.66) / 0.19
  }

  @Test(arguments: [(0.40, 0.1), (0.66, 0.01), (0.85, 0.001)])
  func matchesThePublishedPointsExactly(volts: Double, probability: Double) throws {
    #expect(try NearThresholdSRAM(volts: volts).flipProbability == probability)
    #expect(NearThresholdSRAM.probability(atVolts: volts) == probability)
  }

  @Test func isLogLinearBetweenThePointsAndBeyondThemUpToNominal() {
    for millivolts in 219..<1100 {
      let volts = Double(millivolts) / 1000
      let measured = log10(NearThresholdSRAM.probability(atVolts: volts))
      #expect(abs(measured - Self.referenceLog10Probability(volts: volts)) < 1e-12, "\(volts) V")
    }
    // Halfway between 0.40 V and 0.66 V is halfway between 10 % and 1 % in log10.
    #expect(abs(NearThresholdSRAM.probability(atVolts: 0.53) - 0.1.squareRoot() / 10) < 1e-15)
  }

  @Test func fallsMonotonicallyWithVoltageAndStopsAtNominal() throws {
    var previous = 1.0
    for millivolts in 100...5000 {
      let volts = Double(millivolts) / 1000
      let p = NearThresholdSRAM.probability(atVolts: volts)
      #expect(p <= previous && (0...0.5).contains(p), "\(volts) V")
      if millivolts > 219 && millivolts < 1100 { #expect(p < previous, "strictly falling at \(volts) V") }
      previous = p
    }
    #expect(NearThresholdSRAM.probability(atVolts: 0.2) == 0.5, "capped below 0.218 V")
    #expect(abs(NearThresholdSRAM.probability(atVolts: 1.0999) - 4.8e-5) < 0.1e-5)
    #expect(NearThresholdSRAM.probability(atVolts: NearThresholdSRAM.nominalVolts) == 0)
    var unused = SeededGenerator(seed: 0)
    #expect(try NearThresholdSRAM(volts: 1.2).flipMask(bits: 32, using: &unused) == 0)
  }

  /// Every bit position flips at p, and bits flip independently.
  ///
  /// A word's flip count is then binomial: the fractions of words with no flip and with exactly
  /// one follow the binomial law. Tolerances: 5 standard errors.
  @Test(arguments: [(0.40, UInt64(0x5A_0400)), (0.53, 0x5A_0530), (0.66, 0x5A_0660), (0.85, 0x5A_0850)])
  func flipsEveryBitIndependentlyAtTheRate(volts: Double, seed: UInt64) throws {
    let sram = try NearThresholdSRAM(volts: volts)
    let p = sram.flipProbability
    var random = SeededGenerator(seed: seed)
    let words = 200_000
    var perPosition = [Int](repeating: 0, count: 16)
    var byFlipCount = [Int](repeating: 0, count: 17)
    var everyMask: UInt32 = 0
    for _ in 0..<words {
      let mask = sram.flipMask(bits: 16, using: &random)
      everyMask |= mask
      for bit in 0..<16 where mask >> UInt32(bit) & 1 == 1 { perPosition[bit] += 1 }
      byFlipCount[mask.nonzeroBitCount] += 1
    }
    func check(_ count: Int, _ trials: Int, _ probability: Double, _ what: String) {
      let tolerance = 5 * (probability * (1 - probability) / Double(trials)).squareRoot()
      let frequency = Double(count) / Double(trials)
      #expect(
        abs(frequency - probability) <= tolerance,
        "\(volts) V seed \(seed): \(what) \(frequency), expected \(probability) ± \(tolerance)")
    }
    #expect(everyMask >> 16 == 0, "only the 16 stored bits flip")
    check(perPosition.reduce(0, +), 16 * words, p, "bit flip frequency")
    for bit in 0..<16 { check(perPosition[bit], words, p, "bit \(bit) flip frequency") }
    check(byFlipCount[0], words, pow(1 - p, 16), "words without a flip")
    check(byFlipCount[1], words, 16 * p * pow(1 - p, 15), "words with one flip")
  }

  @Test func sameSeedGivesTheSameFlipsAndEveryVoltageDrawsAlike() throws {
    let low = try NearThresholdSRAM(volts: 0.40)
    let high = try NearThresholdSRAM(volts: 0.85)
    var first = SeededGenerator(seed: 11)
    var second = SeededGenerator(seed: 11)
    var third = SeededGenerator(seed: 11)
    for _ in 0..<1_000 {
      #expect(low.corrupt(0xBEEF, bits: 16, using: &first) == low.corrupt(0xBEEF, bits: 16, using: &second), "seed 11")
      _ = high.flipMask(bits: 16, using: &third)
    }
    // One draw per bit whatever the voltage: the streams stay in step.
    #expect(first.next() == third.next(), "seed 11")
    // Per-access mode draws a fresh mask each read.
    var random = SeededGenerator(seed: 12)
    let reads = Set((0..<64).map { _ in low.corrupt(0, bits: 16, using: &random) })
    #expect(reads.count > 32, "seed 12: 64 reads at 10 % gave only \(reads.count) distinct words")
  }

  @Test func wordWidthsOutsideAUInt32AreClamped() throws {
    let sram = try NearThresholdSRAM(volts: 0.2)  // p = 0.5
    var random = SeededGenerator(seed: 3)
    var reference = SeededGenerator(seed: 3)
    #expect(sram.flipMask(bits: -4, using: &random) == 0)
    #expect(random.next() == reference.next(), "a negative width draws nothing")
    let wide = (0..<8).reduce(UInt32(0)) { mask, _ in mask | sram.flipMask(bits: 40, using: &random) }
    #expect(wide >> 28 != 0, "seed 3: the top bits of a 32-bit word flip too")
  }

  @Test func rejectsSuppliesOutsideTheTechnology() {
    for volts in [0, 0.05, 6, -1, .nan, .infinity] {
      let error = #expect(throws: ArithmeticError.self, "\(volts) V") { try NearThresholdSRAM(volts: volts) }
      #expect(error?.parameter == "volts")
    }
  }
}
