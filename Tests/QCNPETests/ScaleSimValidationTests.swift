import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// With ideal memory and the AFU drain overlapped, the compute phase of every layer lasts
/// exactly as long as SCALE-Sim's output-stationary model says: fold count × (K + R + C − 2)
/// cycles. SCALE-Sim prints the zero-based stamp of the last cycle, one less than the
/// elapsed cycles AxSim reports (docs/qcnpe.md, "Validation against SCALE-Sim").
@Suite struct ScaleSimValidationTests {
  let ideal = QCNPEConfig(memoryWordsPerCycle: nil, afuDrainOverlap: true)

  @Test(arguments: Fidelity.allCases)
  func matchesTheMeasuredSCALESimRun(fidelity: Fidelity) throws {
    // SCALE-Sim v2, M=64, N=128, K=784 on 16x16: 26047.
    let run = QCNPEArray.simulate(config: ideal, plans: [gemmPlan(m: 64, n: 128, k: 784, config: ideal)], fidelity: fidelity)
    let compute = cycles(try #require(run.layers.first), "compute")
    #expect(compute - 1 == 26047)
    #expect(run.layers[0].stallCycles == 0)
  }

  @Test func matchesSCALESimOnAlexNetConvolutionsImportedFromItsTopology() throws {
    let csv = try RepositoryPaths.text("traces/scalesim/alexnet.csv")
    let trace = try ScaleSimTopology.importTrace(csv: csv, file: "alexnet.csv")
    let config = QCNPEConfig(rows: 32, cols: 32, memoryWordsPerCycle: nil)
    let plans = try QCNPEMapper.plan(trace, on: config)
    let run = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast)
    // SCALE-Sim v2 runs on a 32x32 array (scalesim-topologies/README.md): Conv1 121124, Conv2 334831.
    #expect(cycles(run.layers[0], "compute") - 1 == 121_124)
    #expect(cycles(run.layers[1], "compute") - 1 == 334_831)
  }

  @Test(arguments: 0..<60)
  func computePhaseEqualsTheFormulaOnRandomShapes(seed: UInt64) {
    var random = CaseRandom(seed: seed)
    let m = random.int(in: 1...300)
    let n = random.int(in: 1...300)
    let k = random.int(in: 1...400)
    let config = QCNPEConfig(rows: random.int(in: 1...40), cols: random.int(in: 1...40), memoryWordsPerCycle: nil)
    let fidelity: Fidelity = seed % 4 == 0 ? .cycle : .fast
    let run = QCNPEArray.simulate(config: config, plans: [gemmPlan(m: m, n: n, k: k, config: config)], fidelity: fidelity)
    let expected = scaleSimOutputStationaryCycles(m: m, n: n, k: k, rows: config.rows, cols: config.cols)
    #expect(
      cycles(run.layers[0], "compute") - 1 == expected,
      "seed \(seed): M=\(m) N=\(n) K=\(k) on \(config.rows)x\(config.cols), \(fidelity)")
  }

  @Test func sufficientBandwidthNeverStalls() {
    // B = R + C is enough whatever the depth (docs/qcnpe.md proves it); cycle fidelity
    // simulates the FIFOs word by word and must agree.
    for depth in [1, 2, 32] {
      let config = QCNPEConfig(rows: 8, cols: 8, fifoDepth: depth, memoryWordsPerCycle: 16)
      let run = QCNPEArray.simulate(config: config, plans: [gemmPlan(m: 40, n: 24, k: 50, config: config)], fidelity: .cycle)
      #expect(run.layers[0].stallCycles == 0, "depth \(depth)")
    }
  }
}
