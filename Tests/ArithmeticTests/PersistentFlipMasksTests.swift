import Arithmetic
import Testing

@Suite struct PersistentFlipMasksTests {
  @Test func masksRepeatOnEveryReadAndReproduceFromTheSeed() throws {
    let sram = try NearThresholdSRAM(volts: 0.40)
    var first = SeededGenerator(seed: 5)
    var second = SeededGenerator(seed: 5)
    var other = SeededGenerator(seed: 6)
    let a = PersistentFlipMasks(words: 4_000, bits: 16, sram: sram, using: &first)
    let b = PersistentFlipMasks(words: 4_000, bits: 16, sram: sram, using: &second)
    let c = PersistentFlipMasks(words: 4_000, bits: 16, sram: sram, using: &other)
    #expect(a == b && a != c && a.count == 4_000, "seeds 5, 5 and 6")
    for index in [0, 17, 3_999] {
      let reads = (0..<10).map { _ in a.read(0x1234, at: index) }
      #expect(Set(reads).count == 1 && reads[0] == 0x1234 ^ a.masks[index], "seed 5: word \(index)")
    }
    let flips = a.masks.reduce(0) { $0 + $1.nonzeroBitCount }
    let trials = Double(4_000 * 16)
    #expect(abs(Double(flips) / trials - 0.1) <= 5 * (0.1 * 0.9 / trials).squareRoot(), "seed 5: \(flips) flips")
  }

  @Test func negativeCountsGiveNoMasks() throws {
    let sram = try NearThresholdSRAM(volts: 0.40)
    var random = SeededGenerator(seed: 7)
    var reference = SeededGenerator(seed: 7)
    #expect(PersistentFlipMasks(words: -1, bits: 16, sram: sram, using: &random).count == 0)
    #expect(PersistentFlipMasks(words: 3, bits: -2, sram: sram, using: &random).masks == [0, 0, 0])
    #expect(random.next() == reference.next(), "seed 7: nothing drawn")
  }
}
