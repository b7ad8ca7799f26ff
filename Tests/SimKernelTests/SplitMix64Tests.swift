import SimKernel
import Testing

@Suite struct SplitMix64Tests {
  /// Reference outputs of Vigna's splitmix64.c (https://prng.di.unimi.it/splitmix64.c).
  @Test func matchesTheReferenceImplementation() {
    var zero = SplitMix64(seed: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    #expect(zero.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(zero.next() == 0x06C4_5D18_8009_454F)
    var other = SplitMix64(seed: 1_234_567)
    #expect(other.next() == 0x599E_D017_FB08_FC85)
    #expect(other.next() == 0x2C73_F084_5854_0FA5)
  }

  @Test func unitDoublesLieInTheHalfOpenInterval() {
    var random = SplitMix64(seed: 42)
    var sum = 0.0
    for _ in 0..<10_000 {
      let value = random.nextUnitDouble()
      #expect(value >= 0 && value < 1)
      sum += value
    }
    #expect(abs(sum / 10_000 - 0.5) < 0.02)
  }
}
