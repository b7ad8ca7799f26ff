import Arithmetic
import SimKernel
import Testing

@Suite struct NearThresholdSRAMTests {
  @Test(arguments: [(0.40, 0.1), (0.66, 0.01), (0.85, 0.001)])
  func matchesThePublishedPoints(volts: Double, probability: Double) throws {
    #expect(abs(try NearThresholdSRAM(volts: volts).flipProbability - probability) < probability * 1e-12)
  }

  @Test func fallsMonotonicallyWithVoltageAndIsLogLinear() throws {
    var previous = 1.0
    for millivolts in stride(from: 300, through: 1100, by: 10) {
      let p = try NearThresholdSRAM(volts: Double(millivolts) / 1000).flipProbability
      #expect(p <= previous && p > 0)
      previous = p
    }
    // Halfway between 0.40 V and 0.66 V in voltage is halfway between -1 and -2 in log10 p.
    #expect(abs(try NearThresholdSRAM(volts: 0.53).flipProbability - 0.0316227766) < 1e-9)
  }

  @Test(arguments: [0.40, 0.66, 0.85])
  func flipsBitsAtThatRate(volts: Double) throws {
    let sram = try NearThresholdSRAM(volts: volts)
    var random = SplitMix64(seed: 660)
    let words = 100_000
    var flips = 0
    for _ in 0..<words { flips += sram.flipMask(bits: 16, using: &random).nonzeroBitCount }
    let trials = Double(words * 16)
    let p = sram.flipProbability
    #expect(abs(Double(flips) / trials - p) < 5 * (p * (1 - p) / trials).squareRoot())
  }

  @Test func persistentMasksRepeatAndAreReproducible() throws {
    let sram = try NearThresholdSRAM(volts: 0.40)
    var first = SplitMix64(seed: 5)
    var second = SplitMix64(seed: 5)
    let a = PersistentFlipMasks(words: 1000, bits: 16, sram: sram, using: &first)
    let b = PersistentFlipMasks(words: 1000, bits: 16, sram: sram, using: &second)
    #expect(a.masks == b.masks)
    #expect(a.read(0x1234, at: 17) == a.read(0x1234, at: 17))
    #expect(a.masks.contains { $0 != 0 })
  }
}
