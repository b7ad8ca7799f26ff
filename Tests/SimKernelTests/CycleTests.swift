import SimKernel
import Testing

@Suite struct CycleTests {
  @Test func convertsToNanosecondsAtAClock() {
    #expect(Cycle(26048).nanoseconds(atMHz: 1000) == 26048)
    #expect(Cycle(925).nanoseconds(atMHz: 925) == 1000)
  }

  @Test func arithmeticAndOrder() {
    var cycle = Cycle(10)
    cycle += Cycle(5)
    #expect(cycle == Cycle(15))
    #expect(cycle - Cycle(10) == Cycle(5))
    #expect(Cycle(3) < Cycle(4))
  }
}
