import NeuralEngine
import Testing

/// CANNA's gradual training approximation (GTA, Algorithm 1).
@Suite struct CANNAGradualTrainingTests {
  static let cap = 3

  /// A short GTA run from fresh weights on 400 digits samples, shared by the tests.
  static let run: GradualTrainingApproximation.Outcome? = {
    guard let data = try? BundledData.split(.digits),
      let specification = try? NetworkSpecification(dense: "64-32-10"),
      let network = try? specification.build(
        name: "digits-64-32-10", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 1)
    else { return nil }
    let configuration = GradualTrainingApproximation.Configuration(
      maximumTuningBits: cap, window: 20,
      training: TrainingConfiguration(epochs: 6, batchSize: 16, seed: 1, clipsApproximateGradients: false))
    return try? GradualTrainingApproximation(configuration: configuration).run(network, on: data.train.subset(Array(0..<400)))
  }()

  @Test func tuningBitsStartAtZeroNeverFallAndStopAtTheCap() throws {
    let outcome = try #require(Self.run)
    let bits = outcome.tuningBitsPerIteration
    #expect(bits.first == 0)
    #expect(zip(bits, bits.dropFirst()).allSatisfy { $0 <= $1 && $1 - $0 <= 1 })
    #expect(bits.allSatisfy { $0 <= Self.cap })
    #expect(bits.count <= outcome.maximumIterations)
    #expect(outcome.stoppedEarly == (bits.count < outcome.maximumIterations))
    // It did step (the run is long enough to plateau at 0 bits).
    #expect(!outcome.steps.isEmpty)
  }

  @Test func stepsFollowTheThresholdRule() throws {
    let outcome = try #require(Self.run)
    for step in outcome.steps {
      #expect(step.slope < step.threshold)
      #expect(step.threshold > 0)
      // The iteration after the check runs the new level.
      if step.iteration < outcome.tuningBitsPerIteration.count {
        #expect(outcome.tuningBitsPerIteration[step.iteration] == step.tuningBits)
        #expect(outcome.tuningBitsPerIteration[step.iteration - 1] == step.tuningBits - 1)
      }
    }
    // A slope needs a full window at one level: steps are at least a window apart.
    let iterations = outcome.steps.map(\.iteration)
    #expect(zip(iterations, iterations.dropFirst()).allSatisfy { $1 - $0 >= 20 })
  }

  @Test func levelsAccountForEveryIterationAndHitLessAsBitsGrow() throws {
    let outcome = try #require(Self.run)
    #expect(outcome.levels.map(\.iterations).reduce(0, +) == outcome.tuningBitsPerIteration.count)
    #expect(outcome.levels.map(\.tuningBits) == Array(0...outcome.finalTuningBits))
    let rates = outcome.levels.map(\.usage.overallHitRate)
    #expect(rates.first == 1)
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
    #expect(outcome.trainingHitRate < 1 && outcome.trainingHitRate > rates.last ?? 1)
  }

  @Test func badSettingsAreErrors() throws {
    let data = try BundledData.split(.digits)
    let (network, _) = try #require(BundledData.digitsMLP)
    #expect(throws: NeuralEngineError.self) {
      try GradualTrainingApproximation(configuration: .init(maximumTuningBits: 23)).run(network, on: data.train)
    }
    #expect(throws: NeuralEngineError.self) {
      try GradualTrainingApproximation(configuration: .init(window: 1)).run(network, on: data.train)
    }
  }
}
