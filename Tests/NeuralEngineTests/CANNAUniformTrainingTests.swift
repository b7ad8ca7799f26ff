import Arithmetic
import NeuralEngine
import Testing

/// CANNA's uniform training baseline: the search stops at the first setting that meets the
/// target, runs every setting for the same iterations, and its hit rates follow the tuning bits.
@Suite struct CANNAUniformTrainingTests {
  @Test func searchStopsAtTheFirstSettingWithinTheTargetAndHitRatesFallWithBits() throws {
    let data = try BundledData.split(.digits)
    let network = try NetworkSpecification(dense: "64-16-10").build(
      name: "uniform", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 3)
    var training = TrainingConfiguration(epochs: 2, seed: 3)
    training.batchSize = 64
    // An impossible target (accuracy above 1) makes the search try every setting up to the cap.
    let all = try CANNAUniformTraining.search(
      network, data: data, training: training, exactAccuracy: 2, maximumAccuracyLoss: 0, maximumTuningBits: 3)
    #expect(all.map(\.tuningBits) == [0, 1, 2, 3])
    #expect(all.allSatisfy { !$0.meetsQoS })
    let batches = (data.train.samples + 63) / 64
    #expect(all.allSatisfy { $0.iterations == 2 * batches })
    // Zero tuning bits: every product of a normal operand hits; then rates only fall.
    #expect(all[0].usage.overallHitRate == 1)
    for (earlier, later) in zip(all, all.dropFirst()) {
      #expect(later.usage.overallHitRate < earlier.usage.overallHitRate, "\(earlier.tuningBits) -> \(later.tuningBits) bits")
    }
    // A target any network meets stops at 0 bits.
    let first = try CANNAUniformTraining.search(
      network, data: data, training: training, exactAccuracy: 0, maximumAccuracyLoss: 0, maximumTuningBits: 3)
    #expect(first.count == 1 && first[0].meetsQoS && first[0].tuningBits == 0)
    #expect(throws: NeuralEngineError.self) {
      try CANNAUniformTraining.search(network, data: data, training: training, exactAccuracy: 1, maximumAccuracyLoss: 0, maximumTuningBits: 23)
    }
  }
}
