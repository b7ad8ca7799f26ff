import QCNPE
import SimKernel
import TestSupport
import Testing
import Trace

/// The cycle-stepped array computes real dot products: after the skewed streaming, NCU(r, c)
/// of each fold must hold exactly the dot product of its input row and weight column, with
/// both operands truncated to the column's precision.
@Suite struct NCUArrayFunctionTests {
  @Test(arguments: 0..<25)
  func accumulatorsHoldTheTruncatedProduct(seed: UInt64) throws {
    var random = CaseRandom(seed: seed)
    let m = random.int(in: 1...30)
    let n = random.int(in: 1...30)
    let k = random.int(in: 1...40)
    let config = QCNPEConfig(
      rows: random.int(in: 1...9), cols: random.int(in: 1...9), memoryWordsPerCycle: random.int(in: 1...20),
      wordBits: 16, operandSeed: seed &* 31 &+ 7)
    let inputBits = (0..<n).map { _ in random.int(in: 1...16) }
    let weightBits = (0..<n).map { _ in random.int(in: 1...16) }
    let plan = gemmPlan(m: m, n: n, k: k, config: config, inputBits: inputBits, weightBits: weightBits)
    let run = QCNPEArray.simulate(config: config, plans: [plan], fidelity: .cycle, collectOutputs: true)
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
        #expect(outputs[row * n + neuron] == expected, "seed \(seed): output [\(row), \(neuron)]")
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
