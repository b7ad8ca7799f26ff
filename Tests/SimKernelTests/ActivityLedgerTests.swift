import SimKernel
import Testing

@Suite struct ActivityLedgerTests {
  @Test func countsByCounterAndWidths() {
    var ledger = ActivityLedger(widthArities: [2, 1, 0])
    ledger.add(5, to: 0, bitsA: 16, bitsB: 8)
    ledger.add(2, to: 0, bitsA: 8, bitsB: 16)
    ledger.add(3, to: 1, bitsA: 40)
    ledger.add(7, to: 2, bitsA: 12)
    #expect(ledger.count(of: 0, bitsA: 16, bitsB: 8) == 5)
    #expect(ledger.count(of: 0, bitsA: 8, bitsB: 16) == 2)
    #expect(ledger.count(of: 2) == 7, "a width-less counter ignores the width")
    #expect(ledger.total(of: 0) == 7)
    #expect(
      ledger.records == [
        ActivityRecord(counter: 0, bitsA: 8, bitsB: 16, count: 2), ActivityRecord(counter: 0, bitsA: 16, bitsB: 8, count: 5),
        ActivityRecord(counter: 1, bitsA: 40, bitsB: 0, count: 3), ActivityRecord(counter: 2, bitsA: 0, bitsB: 0, count: 7),
      ])
  }

  @Test func mergeAddsAndResetClears() {
    var a = ActivityLedger(widthArities: [1, 0])
    var b = ActivityLedger(widthArities: [1, 0])
    a.add(1, to: 0, bitsA: 64)
    b.add(2, to: 0, bitsA: 64)
    b.add(9, to: 1)
    a.merge(b)
    #expect(a.count(of: 0, bitsA: 64) == 3)
    #expect(a.count(of: 1) == 9)
    a.reset()
    #expect(a.records.isEmpty)
  }

  @Test func schemaBuildsALedgerOfItsShape() {
    let schema = LedgerSchema([
      .init(component: "pe.multiplier", action: "multiply", widthArity: 2, description: "products"),
      .init(component: "clock", action: "cycle", widthArity: 0, description: "ticks"),
    ])
    var ledger = schema.makeLedger()
    ledger.add(4, to: 1)
    #expect(ledger.counterCount == 2)
    #expect(ledger.records == [ActivityRecord(counter: 1, bitsA: 0, bitsB: 0, count: 4)])
  }
}
