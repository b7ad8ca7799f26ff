import Energy
import Foundation
import Testing

@Suite struct ScalingLawTests {
  @Test func multiplierScalesWithTheProductOfWidths() {
    let law = ScalingLaw.multiplier(referenceBitsA: 16, referenceBitsB: 16)
    #expect(law.factor(bitsA: 8, bitsB: 8, depth: nil, ungatedFraction: 0) == 0.25)
    #expect(law.factor(bitsA: 16, bitsB: 4, depth: nil, ungatedFraction: 0) == 0.25)
    #expect(law.factor(bitsA: 32, bitsB: 32, depth: nil, ungatedFraction: 0) == 4)
  }

  @Test func adderAndRegisterScaleLinearly() {
    #expect(ScalingLaw.adder(referenceBits: 32).factor(bitsA: 8, bitsB: 0, depth: nil, ungatedFraction: 0) == 0.25)
    #expect(ScalingLaw.register(referenceBits: 16).factor(bitsA: 24, bitsB: 0, depth: nil, ungatedFraction: 0) == 1.5)
  }

  @Test func gatedSlicesKeepTheUngatedFraction() {
    // 24 of 40 accumulator bits active, u = 0.3: (24 + 0.3 * 16) / 40 = 0.72.
    let law = ScalingLaw.lsbGated(referenceBits: 40)
    #expect(abs(law.factor(bitsA: 24, bitsB: 0, depth: nil, ungatedFraction: 0.3) - 0.72) < 1e-15)
    #expect(law.factor(bitsA: 40, bitsB: 0, depth: nil, ungatedFraction: 0.3) == 1)
    #expect(ScalingLaw.clockGated.factor(bitsA: 0, bitsB: 0, depth: nil, ungatedFraction: 0.3) == 0.3)
  }

  @Test func memoryFollowsTheCACTIPluginScaling() {
    let law = ScalingLaw.memory(referenceBits: 64, referenceDepth: 512, depthExponent: 0.78)
    // Width 32 of 64: 0.3 + 0.7 * 0.5 = 0.65; depth 2048 of 512: 4^0.78.
    let expected = 0.65 * pow(4.0, 0.78)
    #expect(abs(law.factor(bitsA: 32, bitsB: 0, depth: 2048, ungatedFraction: 0) - expected) < 1e-12)
    #expect(law.factor(bitsA: 64, bitsB: 0, depth: nil, ungatedFraction: 0) == 1)
  }
}
