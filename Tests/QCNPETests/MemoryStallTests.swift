import QCNPE
import SimKernel
import Testing

@Suite struct MemoryStallTests {
  @Test func bandwidthBelowDemandStalls() throws {
    // A full 16x16 fold pops 32 words per step in steady state; 8 words/cycle cannot keep up.
    let starved = QCNPEConfig(memoryWordsPerCycle: 8)
    let plan = gemmPlan(m: 64, n: 64, k: 256, config: starved)
    for fidelity in Fidelity.allCases {
      let run = QCNPEArray.simulate(config: starved, plans: [plan], fidelity: fidelity)
      let layer = try #require(run.layers.first)
      // Every operand word must cross the 8-word port: (M·FC + N·FR)·K words.
      let words = (64 * 4 + 64 * 4) * 256
      #expect(layer.stallCycles > 0)
      #expect(cycles(layer, "compute") + layer.stallCycles + cycles(layer, "drain_wait") >= words / 8)
    }
  }

  @Test func moreBandwidthNeverStallsMore() {
    let shape = (m: 50, n: 37, k: 90)
    var previous = Int.max
    for words in [1, 2, 4, 8, 16, 24, 32] {
      let config = QCNPEConfig(memoryWordsPerCycle: words)
      let run = QCNPEArray.simulate(
        config: config, plans: [gemmPlan(m: shape.m, n: shape.n, k: shape.k, config: config)], fidelity: .fast)
      #expect(run.layers[0].stallCycles <= previous, "\(words) words/cycle")
      previous = run.layers[0].stallCycles
    }
    #expect(previous == 0)
  }

  @Test func deeperFIFOsAbsorbTheSkewGaps() {
    // Between folds each FIFO idles for R + C − 1 steps; a deep FIFO prefetches the next fold
    // then, so a bandwidth-limited layer stalls less.
    let shallow = QCNPEConfig(fifoDepth: 1, memoryWordsPerCycle: 20)
    let deep = QCNPEConfig(fifoDepth: 64, memoryWordsPerCycle: 20)
    let plan = gemmPlan(m: 64, n: 64, k: 24, config: shallow)
    let shallowRun = QCNPEArray.simulate(config: shallow, plans: [plan], fidelity: .fast)
    let deepRun = QCNPEArray.simulate(config: deep, plans: [plan], fidelity: .fast)
    #expect(deepRun.layers[0].stallCycles < shallowRun.layers[0].stallCycles)
  }

  @Test func singleBankAccumulatorsWaitForEachDrain() {
    let overlapped = QCNPEConfig(memoryWordsPerCycle: nil, afuDrainOverlap: true)
    let single = QCNPEConfig(memoryWordsPerCycle: nil, afuDrainOverlap: false)
    let plan = gemmPlan(m: 48, n: 32, k: 100, config: overlapped)
    let a = QCNPEArray.simulate(config: overlapped, plans: [plan], fidelity: .fast).layers[0]
    let b = QCNPEArray.simulate(config: single, plans: [plan], fidelity: .fast).layers[0]
    // 3 x 2 folds: five drains of C = 16 cycles each are exposed.
    #expect(cycles(b, "drain_wait") == 5 * 16)
    #expect(b.totalCycles - a.totalCycles == 80)
  }
}
