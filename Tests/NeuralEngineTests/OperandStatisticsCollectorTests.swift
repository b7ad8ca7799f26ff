import NeuralEngine
import Testing
import Trace

/// Statistics are measured at the precision the trace records, on the operands the layers
/// before really produce.
@Suite struct OperandStatisticsCollectorTests {
  @Test func bitWidthsAreMeasuredAtTheLayerPrecision() throws {
    let (network, data) = try #require(BundledData.digitsMLP)
    let full = try OperandStatisticsCollector.measure(network, on: data.test)
    let sixteen = try OperandStatisticsCollector.measure(
      network, on: data.test, arithmetic: .uniform(.fixedPoint(bits: 16), layers: network.layers.count))
    let four = try OperandStatisticsCollector.measure(
      network, on: data.test, arithmetic: .uniform(.fixedPoint(bits: 4), layers: network.layers.count))
    // No arithmetic means the 16-bit words: the same inputs as fixed point at 16 bits sees
    // in layer 1 (the pixels, before any approximate layer).
    #expect(full[0].meanInputBits == sixteen[0].meanInputBits)
    for (layer, statistics) in four.enumerated() {
      let inputBits = try #require(statistics.meanInputBits)
      let weightBits = try #require(statistics.meanWeightBits)
      #expect(inputBits > 0 && inputBits <= 4 && weightBits > 0 && weightBits <= 4, "layer \(layer): \(statistics)")
      // Truncation to 4 bits zeroes the small operands (of either sign it rounds toward −∞,
      // so only small positive values vanish): never fewer zeros than at 16 bits.
      #expect((statistics.zeroInputFraction ?? 0) >= (full[layer].zeroInputFraction ?? 1), "layer \(layer)")
      #expect((statistics.zeroWeightFraction ?? 0) > (full[layer].zeroWeightFraction ?? 1), "layer \(layer)")
    }
  }

  @Test func perNeuronPrecisionsWeightEachNeuronsOperands() {
    // One input row [1, 0.5], two neurons: neuron 0 at 16 bits, neuron 1 at 2 bits.
    let inputs = Matrix(rows: 1, columns: 2, values: [1, 0.5])
    let weights = Matrix(rows: 2, columns: 2, values: [1, 1, 1, 1])
    let mixed = OperandStatisticsCollector.measure(
      inputs: inputs, weights: weights, precision: LayerPrecision(inputBits: [16, 2], weightBits: [16, 2]))
    // 16-bit words of a tensor covering 1: 1 → 0x4000 (15 bits), 0.5 → 0x2000 (14 bits). At
    // 2 bits they are the words 01 (1 bit) and 00 (zero).
    #expect(mixed.zeroInputFraction == 0.25)
    #expect(mixed.meanInputBits == Double(15 + 14 + 1) / 3)
    #expect(mixed.meanWeightBits == Double(15 + 15 + 1 + 1) / 4)
    let mismatched = OperandStatisticsCollector.measure(
      inputs: inputs, weights: weights, precision: LayerPrecision(inputBits: [16, 2, 2], weightBits: [16]))
    #expect(mismatched.isEmpty, "precisions for three neurons on a two-neuron layer measure nothing")
  }

  @Test func toggleFractionsCountFlippedBitsOfConsecutiveOperandsAtPrecision() {
    // 16-bit words of a tensor covering 1 (1 → 0x4000, 0.5 → 0x2000, −0.5 → 0xE000): one input
    // row [1, 0.5, −0.5], and one neuron whose weights are the same values.
    let inputs = Matrix(rows: 1, columns: 3, values: [1, 0.5, -0.5])
    let weights = Matrix(rows: 1, columns: 3, values: [1, 0.5, -0.5])
    let full = OperandStatisticsCollector.measure(inputs: inputs, weights: weights)
    // 0x4000 → 0x2000 flips 2 bits; 0x2000 → 0xE000 flips 2 (bits 15 and 14): 4 of 32.
    #expect(full.inputToggleFraction == 4.0 / 32)
    #expect(full.weightToggleFraction == 4.0 / 32)
    // At 2 bits the operands are 01, 00, 11: 1 + 2 flips of 4 bits compared.
    let two = OperandStatisticsCollector.measure(
      inputs: inputs, weights: weights, precision: LayerPrecision(inputBits: [2], weightBits: [2]))
    #expect(two.inputToggleFraction == 3.0 / 4)
    #expect(two.weightToggleFraction == 3.0 / 4)
  }

  @Test func acrossRowsAndNeuronsCompareTheSameIndexOfConsecutiveRows() {
    // Inputs: rows [1, 0.5] and [0.5, 0.5]: across rows 0x4000 → 0x2000 flips 2 bits, the
    // second column none: 2 of 32. Along each row: 2 flips, then none: 2 of 32 as well.
    // Weights: neurons [1, −0.5] and [−0.5, −0.5]: 0x4000 → 0xE000 flips 2 (bits 15 and 13),
    // then none, across the neurons and along neuron 0 alike.
    let inputs = Matrix(rows: 2, columns: 2, values: [1, 0.5, 0.5, 0.5])
    let weights = Matrix(rows: 2, columns: 2, values: [1, -0.5, -0.5, -0.5])
    let full = OperandStatisticsCollector.measure(inputs: inputs, weights: weights)
    #expect(full.inputToggleFractionAcrossRows == 2.0 / 32)
    #expect(full.weightToggleFractionAcrossNeurons == 2.0 / 32)
    #expect(full.weightToggleFraction == 2.0 / 32)
    // Neurons at 16 and 2 weight bits are compared at the 2 bits both keep: 01 → 11, 1 of 2.
    let mixed = OperandStatisticsCollector.measure(
      inputs: inputs, weights: weights, precision: LayerPrecision(inputBits: [16], weightBits: [16, 2]))
    #expect(mixed.weightToggleFractionAcrossNeurons == 1.0 / 4)
  }

  @Test func aTraceCanMeasureItsOwnStatistics() throws {
    let (network, data) = try #require(BundledData.digitsMLP)
    let arithmetic = NetworkArithmetic.uniform(.fixedPoint(bits: 8), layers: network.layers.count)
    let provenance = Provenance(source: "test", dataset: "digits", seed: 1, epochs: 30, testAccuracy: nil)
    let trace = try TraceWriter.trace(
      for: network, arithmetic: arithmetic, measuredOn: data.test, batch: 1, provenance: provenance)
    #expect(
      trace.layers.map(\.statistics) == (try OperandStatisticsCollector.measure(network, on: data.test, arithmetic: arithmetic)))
    #expect(trace.layers.allSatisfy { $0.precision == LayerPrecision(inputBits: 8, weightBits: 8) })
    #expect(trace.layers.allSatisfy { ($0.statistics.meanInputBits ?? 99) <= 8 })
  }
}
