import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// `--jobs`: layers run on several threads, and a cycle-fidelity layer that memory cannot
/// stall is cut into runs of folds. The run must be the same as on one thread: every layer's
/// start, phases and activity, and every accumulated sum.
@Suite struct ParallelRunTests {
  @Test(arguments: 0..<24)
  func severalThreadsGiveTheSameRunAsOne(seed: UInt64) throws {
    var random = CaseRandom(seed: seed &+ 500)
    let rows = random.int(in: 1...12)
    let cols = random.int(in: 1...12)
    // Ideal memory or enough words for every FIFO (folds split), or too few (layers only).
    let bandwidth: Int? = random.pick([nil, rows + cols + random.int(in: 0...4), random.int(in: 1...max(1, (rows + cols) / 2))])
    let config = QCNPEConfig(
      rows: rows, cols: cols, fifoDepth: random.int(in: 1...16), memoryWordsPerCycle: bandwidth,
      afuDrainOverlap: random.chance(0.5), operandSeed: seed)
    var layers: [TraceLayer] = []
    for index in 0..<random.int(in: 1...4) {
      let neurons = random.int(in: 1...40)
      let perNeuron = random.chance(0.5)
      layers.append(
        TraceLayer(
          name: "layer\(index)", operation: .gemm(GEMMShape(m: random.int(in: 1...40), n: neurons, k: random.int(in: 1...30))),
          activation: .relu,
          precision: LayerPrecision(
            inputBits: perNeuron ? (0..<neurons).map { _ in random.int(in: 1...16) } : [random.int(in: 1...16)],
            weightBits: [random.int(in: 1...16)])))
    }
    let trace = NetworkTrace(name: "parallel", topology: .independent, provenance: Provenance(source: "test"), layers: layers)
    let plans = try QCNPEMapper.plan(trace, on: config)
    for fidelity in Fidelity.allCases {
      let one = QCNPEArray.simulate(config: config, plans: plans, fidelity: fidelity, collectOutputs: true)
      let several = QCNPEArray.simulate(config: config, plans: plans, fidelity: fidelity, collectOutputs: true, jobs: 3)
      let label = "seed \(seed) \(fidelity): \(rows)x\(cols), bandwidth \(bandwidth.map(String.init) ?? "ideal")"
      #expect(one.layers == several.layers, "\(label)")
      #expect(one.outputs == several.outputs, "\(label)")
      #expect(one.result == several.result, "\(label)")
    }
  }
}
