import Energy
import Testing

/// The node and voltage laws against closed forms of their sources.
@Suite struct TechnologyScalingTests {
  @Test func sameNodeAndSupplyIsTheIdentity() throws {
    #expect(try TechnologyScaling.dynamicFactor(fromNode: 45, fromVolts: 1.0, toNode: 45, toVolts: 1.0) == 1)
    #expect(try TechnologyScaling.leakageFactor(fromNode: 65, fromVolts: 1.1, toNode: 65, toVolts: 1.1) == 1)
  }

  @Test func nodeFactorIsTheRatioOfStillmakersPolynomialsAtNominalSupply() throws {
    // Table 5: 65 nm 3.755·1.1² − 4.398·1.1 + 1.975; 45 nm (HP) 1.018 − 0.3107 + 0.1539.
    let e65 = 3.755 * 1.21 - 4.398 * 1.1 + 1.975
    let e45 = 1.018 - 0.3107 + 0.1539
    let factor = try TechnologyScaling.nodeFactor(fromNode: 45, toNode: 65)
    #expect(abs(factor - e65 / e45) < 1e-12)
    #expect(factor > 1.7 && factor < 2.1, "65 nm costs about twice 45 nm: \(factor)")
    // 28 nm lies a third of the way from 32 nm to 20 nm, both at 0.9 V.
    let e32 = 0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701
    let e20 = 0.373 * 0.81 - 0.1582 * 0.9 + 0.04104
    let e28 = e32 * 2 / 3 + e20 / 3
    #expect(abs(try TechnologyScaling.nodeFactor(fromNode: 45, toNode: 28) - e28 / e45) < 1e-12)
  }

  @Test func dynamicEnergyScalesWithVSquaredAndLeakageWithVToTheFifth() throws {
    let dynamic = try TechnologyScaling.dynamicFactor(fromNode: 45, fromVolts: 0.9, toNode: 45, toVolts: 1.0)
    #expect(abs(dynamic - 1 / 0.81) < 1e-12)
    let leakage = try TechnologyScaling.leakageFactor(fromNode: 65, fromVolts: 1.1, toNode: 65, toVolts: 0.66)
    #expect(abs(leakage - 0.6 * 0.6 * 0.6 * 0.6 * 0.6) < 1e-12)
  }

  @Test func nodesOutsideTheTableAreErrors() {
    #expect(throws: TechnologyScalingError.nodeOutOfRange(7)) {
      try TechnologyScaling.nodeFactor(fromNode: 45, toNode: 7)
    }
  }
}
