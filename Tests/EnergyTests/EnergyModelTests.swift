import AxJSON
import Energy
import SimKernel
import Testing

@Suite struct EnergyModelTests {
  let schema = LedgerSchema([
    .init(component: "pe.mult", action: "multiply", widthArity: 2, description: "products"),
    .init(component: "buffer", action: "read", widthArity: 1, description: "reads"),
  ])
  let entries = [
    #"{"component": "pe.mult", "action": "multiply", "energy_pj": 0.8, "law": "multiplier", "reference_bits": [16, 16], "valid_bits": [1, 16], "source": "s"}"#,
    #"{"component": "buffer", "action": "read", "energy_pj": 2.0, "law": "memory", "reference_bits": 16, "reference_depth": 1024, "valid_bits": [1, 64], "source": "s"}"#,
  ]
  let leakage = [#"{"component": "pe", "power_mw": 0.5, "source": "s"}"#]

  @Test func pricesEveryRecordByItsLawAndAddsLeakageOverTime() throws {
    let model = try EnergyModel(
      table: try table(tableText(entries: entries, leakage: leakage)), schema: schema,
      binding: EnergyBinding(conditions: [:], leakageInstances: [LeakageInstances("pe", 4)]))
    var ledger = schema.makeLedger()
    ledger.add(10, to: 0, bitsA: 8, bitsB: 16)
    ledger.add(3, to: 1, bitsA: 16)
    let breakdown = try model.evaluate(ledger, cycles: Cycle(200), clockMHz: 500)
    // 10 x 0.8 x (8*16)/(16*16) = 4 pJ; 3 x 2 pJ = 6 pJ; 4 x 0.5 mW x 400 ns = 800 pJ.
    #expect(breakdown.actions.map(\.energyPJ) == [4, 6])
    #expect(breakdown.leakage.map(\.energyPJ) == [800])
    #expect(breakdown.totalPJ == 810)
    #expect(breakdown.components.map(\.name) == ["buffer", "leakage.pe", "pe.mult"])
  }

  @Test func supplyVoltageScalesDynamicEnergyAndLeakage() throws {
    let model = try EnergyModel(
      table: try table(tableText(entries: entries, leakage: leakage)), schema: schema,
      binding: EnergyBinding(
        conditions: ["buffer": ComponentConditions(supplyVolts: 0.66), "pe": ComponentConditions(supplyVolts: 0.5)],
        leakageInstances: [LeakageInstances("pe", 1)]))
    #expect(abs(try model.energyPerActionPJ(counter: 1, bitsA: 16, bitsB: 0) - 2.0 * 0.66 * 0.66) < 1e-12)
    #expect(abs(model.leakagePowerMW - 0.5 * 0.03125) < 1e-12)
  }

  @Test func aCounterWithoutAnEntryIsAnErrorNotAZero() throws {
    let partial = try table(tableText(entries: [entries[0]]))
    #expect(throws: EnergyTableError.noEntry(table: "toy", component: "buffer", action: "read")) {
      _ = try EnergyModel(table: partial, schema: schema, binding: EnergyBinding(conditions: [:], leakageInstances: []))
    }
  }

  @Test func anUnusedComponentMayLackAnEntryUntilItIsCounted() throws {
    let partial = try table(tableText(entries: [entries[0]]))
    let model = try EnergyModel(
      table: partial, schema: schema,
      binding: EnergyBinding(conditions: [:], leakageInstances: [], unusedComponents: ["buffer"]))
    var ledger = schema.makeLedger()
    ledger.add(10, to: 0, bitsA: 16, bitsB: 16)
    #expect(try model.evaluate(ledger, cycles: Cycle(10), clockMHz: 1000).totalPJ == 8)
    ledger.add(1, to: 1, bitsA: 16)
    #expect(throws: EnergyTableError.noEntry(table: "toy", component: "buffer", action: "read")) {
      _ = try model.evaluate(ledger, cycles: Cycle(10), clockMHz: 1000)
    }
  }

  @Test func widthsOutsideTheValidRangeAreErrors() throws {
    let model = try EnergyModel(
      table: try table(tableText(entries: entries)), schema: schema,
      binding: EnergyBinding(conditions: [:], leakageInstances: []))
    #expect(throws: EnergyTableError.self) { _ = try model.energyPerActionPJ(counter: 0, bitsA: 24, bitsB: 16) }
  }

  @Test func missingLeakageComponentsAreErrors() throws {
    #expect(throws: EnergyTableError.noLeakage(table: "toy", component: "fifo")) {
      _ = try EnergyModel(
        table: try table(tableText(entries: entries)), schema: schema,
        binding: EnergyBinding(conditions: [:], leakageInstances: [LeakageInstances("fifo", 2)]))
    }
  }
}

/// Entries with a reference activity follow the activity a ledger's tallies measured; the
/// others, and every entry of a ledger without tallies, do not.
@Suite struct ActivityScaledEnergyTests {
  let schema = LedgerSchema([
    .init(component: "pe.mult", action: "multiply", widthArity: 0, description: "products"),
    .init(component: "clock.pe", action: "cycle", widthArity: 0, description: "cycles"),
    .init(
      component: "pe.mult", action: LedgerSchema.Counter.toggledBitsAction, widthArity: 0, description: "t",
      isActivityTally: true),
    .init(
      component: "pe.mult", action: LedgerSchema.Counter.comparedBitsAction, widthArity: 0, description: "c",
      isActivityTally: true),
  ])
  let entries = [
    #"{"component": "pe.mult", "action": "multiply", "energy_pj": 1.0, "law": "constant", "reference_activity": 0.5, "source": "s"}"#,
    #"{"component": "clock.pe", "action": "cycle", "energy_pj": 0.25, "law": "constant", "source": "s"}"#,
  ]

  func evaluate(toggled: UInt64, compared: UInt64) throws -> [Double] {
    let model = try EnergyModel(
      table: try table(tableText(entries: entries)), schema: schema,
      binding: EnergyBinding(conditions: [:], leakageInstances: []))
    var ledger = schema.makeLedger()
    ledger.add(100, to: 0)
    ledger.add(100, to: 1)
    ledger.add(toggled, to: 2)
    ledger.add(compared, to: 3)
    return try model.evaluate(ledger, cycles: Cycle(1), clockMHz: 1000).actions.map(\.energyPJ)
  }

  @Test func activityScalesOnlyEntriesWithAReferenceActivity() throws {
    // 300 of 1600 bits toggled: α = 0.1875, so the multiplier costs 0.1875 / 0.5 of 100 pJ;
    // the clock and the tallies (which cost nothing and are not listed) do not change.
    #expect(try evaluate(toggled: 300, compared: 1600) == [37.5, 25])
    #expect(try evaluate(toggled: 0, compared: 0) == [100, 25], "no tallies: the reference activity")
  }

  @Test func referenceActivityRoundTripsAndIsValidated() throws {
    let parsed = try table(tableText(entries: entries))
    #expect(parsed.entries[0].referenceActivity == 0.5)
    #expect(parsed.entries[1].referenceActivity == nil)
    let bad =
      #"{"component": "pe.mult", "action": "multiply", "energy_pj": 1.0, "law": "constant", "reference_activity": 0, "source": "s"}"#
    #expect(throws: (any Error).self) { _ = try table(tableText(entries: [bad])) }
  }
}
