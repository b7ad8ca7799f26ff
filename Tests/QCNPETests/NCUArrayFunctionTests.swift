import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// The cycle-stepped array computes real dot products in every dataflow: os leaves in NCU(r, c)
/// the dot product of its input row and weight column; ws and is pass partial sums down the
/// columns and add them over the row folds. Either way each output must be exactly the dot
/// product with both operands truncated to the neuron's precision, whether the stepper ran
/// whole folds or the single steps a waveform samples.
@Suite struct NCUArrayFunctionTests {
  @Test(arguments: 0..<36)
  func accumulatorsHoldTheTruncatedProduct(seed: UInt64) throws {
    var random = CaseRandom(seed: seed)
    let m = random.int(in: 1...30)
    let n = random.int(in: 1...30)
    let k = random.int(in: 1...40)
    var config = QCNPEConfig(
      rows: random.int(in: 1...9), cols: random.int(in: 1...9), memoryWordsPerCycle: random.int(in: 1...20),
      wordBits: 16, operandSeed: seed &* 31 &+ 7)
    config.dataflow = SystolicDataflow.allCases[Int(seed) % 3]
    let inputBits = (0..<n).map { _ in random.int(in: 1...16) }
    let weightBits = (0..<n).map { _ in random.int(in: 1...16) }
    let plan = gemmPlan(m: m, n: n, k: k, config: config, inputBits: inputBits, weightBits: weightBits)
    // Every third case samples a waveform over part of the run, so the stepper also takes
    // single steps.
    let window: ClosedRange<UInt64>? = seed % 3 == 1 ? UInt64(random.int(in: 0...40))...UInt64(random.int(in: 41...400)) : nil
    let observer = QCNPEObserver(recordsFolds: false, waveformWindow: window, config: config)
    let run = QCNPEArray.simulate(config: config, plans: [plan], fidelity: .cycle, collectOutputs: true, observer: observer)
    let outputs = try #require(run.outputs.first ?? nil)
    let operands = SynthesizedOperands(seed: config.operandSeed, wordBits: config.wordBits)
    for row in 0..<m {
      for neuron in 0..<n {
        var expected: Int64 = 0
        for index in 0..<k {
          let input = operands.truncate(operands.input(layer: 0, row: row, k: index), toBits: inputBits[neuron])
          let weight = operands.truncate(operands.weight(layer: 0, k: index, neuron: neuron), toBits: weightBits[neuron])
          expected += Int64(input) * Int64(weight)
        }
        #expect(outputs[row * n + neuron] == expected, "seed \(seed) \(config.dataflow): output [\(row), \(neuron)]")
      }
    }
  }

  @Test func truncationZeroesTheLowBits() {
    let operands = SynthesizedOperands(seed: 1, wordBits: 16)
    #expect(operands.truncate(0x7FFF, toBits: 8) == 0x7F00)
    #expect(operands.truncate(-1, toBits: 4) == -4096)
    #expect(operands.truncate(12345, toBits: 16) == 12345)
  }

  @Test func synthesisedOperandsSpanTheWord() {
    let operands = SynthesizedOperands(seed: 9, wordBits: 16)
    var low = Int32.max
    var high = Int32.min
    for index in 0..<4000 {
      let value = operands.input(layer: 0, row: index, k: 3)
      low = min(low, value)
      high = max(high, value)
    }
    #expect(low < -30_000 && high > 30_000)
    #expect(low >= -32_768 && high <= 32_767)
  }
}
