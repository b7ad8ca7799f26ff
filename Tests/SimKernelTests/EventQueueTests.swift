import SimKernel
import TestSupport
import Testing

@Suite struct EventQueueTests {
  @Test func popsEventsInCycleOrder() {
    var queue = EventQueue<Int>()
    for (payload, cycle) in [(1, 30), (2, 10), (3, 20), (4, 0)] { queue.schedule(payload, at: Cycle(UInt64(cycle))) }
    var order: [Int] = []
    while let event = queue.popNext() { order.append(event.payload) }
    #expect(order == [4, 2, 3, 1])
  }

  @Test func equalCyclesRunInSchedulingOrder() {
    var queue = EventQueue<Int>()
    for payload in 0..<100 { queue.schedule(payload, at: Cycle(UInt64(payload % 3))) }
    var order: [Int] = []
    while let event = queue.popNext() { order.append(event.payload) }
    let expected = (0..<100).filter { $0 % 3 == 0 } + (0..<100).filter { $0 % 3 == 1 } + (0..<100).filter { $0 % 3 == 2 }
    #expect(order == expected)
  }

  @Test(arguments: 0..<20)
  func matchesAStableSortOnRandomInterleavings(seed: UInt64) {
    var random = CaseRandom(seed: seed)
    var queue = EventQueue<Int>()
    var reference: [(cycle: UInt64, sequence: Int, payload: Int)] = []
    var popped: [Int] = []
    var expected: [Int] = []
    var sequence = 0
    for step in 0..<500 {
      if random.chance(0.6) || queue.isEmpty {
        let cycle = queue.now.rawValue + UInt64(random.int(in: 0...5))
        queue.schedule(step, at: Cycle(cycle))
        reference.append((cycle, sequence, step))
        sequence += 1
      } else {
        reference.sort { ($0.cycle, $0.sequence) < ($1.cycle, $1.sequence) }
        expected.append(reference.removeFirst().payload)
        if let event = queue.popNext() { popped.append(event.payload) }
      }
    }
    #expect(popped == expected, "seed \(seed)")
  }

  @Test func nowFollowsThePoppedEvent() {
    var queue = EventQueue<String>()
    queue.schedule("late", at: Cycle(1_000_000_000))
    queue.schedule("early", after: Cycle(5))
    #expect(queue.nextCycle == Cycle(5))
    _ = queue.popNext()
    #expect(queue.now == Cycle(5))
    queue.schedule("relative", after: Cycle(10))
    #expect(queue.popNext()?.cycle == Cycle(15))
  }
}
