import SimKernel
import Testing

/// A toy model: a producer emits a burst every `period` cycles; each item takes `service`
/// cycles. Its handler counts calls, so idle time can be seen to cost nothing.
private struct BurstModel: EventDrivenModel {
  enum Event { case burst(Int), served }
  var period: UInt64
  var service: UInt64
  var bursts: Int
  var handled = 0
  var times: [UInt64] = []

  mutating func handle(_ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger) {
    handled += 1
    times.append(now.rawValue)
    switch event {
    case .burst(let index):
      ledger.add(1, to: 0)
      queue.schedule(.served, after: Cycle(service))
      if index + 1 < bursts { queue.schedule(.burst(index + 1), after: Cycle(period)) }
    case .served:
      ledger.add(service, to: 1, bitsA: 16)
    }
  }
}

@Suite struct RunLoopTests {
  @Test func skipsIdleTimeEventByEvent() {
    var model = BurstModel(period: 1_000_000_000, service: 3, bursts: 4)
    var queue = EventQueue<BurstModel.Event>()
    var ledger = ActivityLedger(widthArities: [0, 1])
    queue.schedule(.burst(0), at: .zero)
    let end = runSimulation(&model, queue: &queue, ledger: &ledger)
    #expect(end == Cycle(3_000_000_003))
    #expect(model.handled == 8)
    #expect(model.times == [0, 3, 1_000_000_000, 1_000_000_003, 2_000_000_000, 2_000_000_003, 3_000_000_000, 3_000_000_003])
    #expect(ledger.count(of: 0) == 4)
    #expect(ledger.count(of: 1, bitsA: 16) == 12)
  }

  @Test func stopsBeforeEventsPastTheLimit() {
    var model = BurstModel(period: 10, service: 1, bursts: 100)
    var queue = EventQueue<BurstModel.Event>()
    var ledger = ActivityLedger(widthArities: [0, 1])
    queue.schedule(.burst(0), at: .zero)
    let end = runSimulation(&model, queue: &queue, ledger: &ledger, until: Cycle(35))
    #expect(end == Cycle(31))
    #expect(queue.nextCycle == Cycle(40))
  }
}
