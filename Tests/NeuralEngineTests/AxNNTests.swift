import NeuralEngine
import Testing
import Trace

/// A stand-in for a precision-scaled array: each product costs (input bits × weight bits)/256
/// of a 16-bit product, plus a fixed cost per neuron (the shape of AxNN's
/// Algorithm 1 energy model, docs/sources.md#axnn2014).
struct ProductEnergyEstimator: NetworkEnergyEstimating {
  func layerEnergies(of network: Network, arithmetic: NetworkArithmetic) throws(NeuralEngineError) -> [Double] {
    network.layers.enumerated().map { index, layer in
      guard let parameters = layer.parameters else { return 0 }
      let precision = arithmetic.layers[index].precision ?? .full16
      return (0..<parameters.weights.rows).reduce(0.0) { sum, neuron in
        let bits = Double(precision.inputBits(ofNeuron: neuron) * precision.weightBits(ofNeuron: neuron))
        return sum + Double(parameters.weights.columns) * bits / 256 + 1
      }
    }
  }
}

@Suite struct AxNNTests {
  /// A short run: the acceptance runs on QCNPE live in EndToEndTests/MethodCommandTests.
  static let quick = AxNN.Configuration(maximumIterations: 8)

  @Test func everyAcceptedStepKeepsTrainingQualityAndLowersEnergy() throws {
    let pair = try #require(BundledData.cancerMLP)
    let outcome = try AxNN(configuration: Self.quick).run(pair.0, data: pair.1, estimator: ProductEnergyEstimator())
    #expect(outcome.curve.count >= 2, "AxNN approximated nothing")
    #expect(zip(outcome.curve, outcome.curve.dropFirst()).allSatisfy { $0.energyPJ > $1.energyPJ })
    var context = EvaluationContext(seed: 0)
    let start = try pair.0.evaluate(on: pair.1.train, arithmetic: outcome.curve[0].arithmetic, context: &context)
    let end = try outcome.network.evaluate(on: pair.1.train, arithmetic: outcome.arithmetic, context: &context)
    #expect(start.accuracy - end.accuracy <= AxNN.Configuration().maximumAccuracyLoss + 1e-12)
    // Precision only ever falls.
    let bits = outcome.arithmetic.layers.compactMap { $0.precision?.inputBits }.flatMap { $0 }
    #expect(bits.allSatisfy { $0 <= 16 } && bits.contains { $0 < 16 })
  }

  @Test func strictModeStopsAtTheFirstFailure() throws {
    let pair = try #require(BundledData.cancerMLP)
    var strict = Self.quick
    strict.stopsAtFirstFailure = true
    let strictRun = try AxNN(configuration: strict).run(pair.0, data: pair.1, estimator: ProductEnergyEstimator())
    let persistent = try AxNN(configuration: Self.quick).run(pair.0, data: pair.1, estimator: ProductEnergyEstimator())
    #expect((persistent.curve.last?.energyPJ ?? 0) <= (strictRun.curve.last?.energyPJ ?? 0))
  }

  @Test func theRetrainingBudgetIsKEpochsPerStepTried() throws {
    let pair = try #require(BundledData.cancerMLP)
    let outcome = try AxNN(configuration: Self.quick).run(pair.0, data: pair.1, estimator: ProductEnergyEstimator())
    // Every iteration that found neurons to approximate retrained K epochs, accepted or not.
    #expect(outcome.retrainingEpochs > 0 && outcome.retrainingEpochs % Self.quick.retrainEpochs == 0)
    #expect(outcome.retrainingEpochs <= Self.quick.retrainEpochs * Self.quick.maximumIterations)
    #expect(outcome.retrainingEpochs >= Self.quick.retrainEpochs * (outcome.curve.count - 1))
    var frozen = Self.quick
    frozen.retrains = false
    #expect(try AxNN(configuration: frozen).run(pair.0, data: pair.1, estimator: ProductEnergyEstimator()).retrainingEpochs == 0)
    // Each point carries the training accuracy the run judged; the start is the exact network's.
    var context = EvaluationContext(seed: 0)
    let start = try pair.0.evaluate(on: pair.1.train, arithmetic: outcome.curve[0].arithmetic, context: &context)
    #expect(outcome.curve[0].trainingAccuracy == start.accuracy && outcome.curve.allSatisfy { $0.trainingAccuracy != nil })
  }

  @Test func retrainedUniformBaselineFindsTheCheapestPrecisionThatMeetsTheTarget() throws {
    let pair = try #require(BundledData.cancerMLP)
    let precisions = [8, 4, 3, 2]
    let training = AxNN.Configuration().training
    let estimator = ProductEnergyEstimator()
    // No retraining: exactly the paper's uniform baseline.
    let unretrained = try AxNN.retrainedUniformCurve(
      pair.0, data: pair.1, precisions: precisions, epochs: 0, training: training, estimator: estimator)
    let uniform = try AxNN.uniformCurve(pair.0, data: pair.1, precisions: precisions, estimator: estimator)
    #expect(unretrained.map(\.accuracy) == uniform.map(\.accuracy) && unretrained.map(\.energyPJ) == uniform.map(\.energyPJ))
    // The sweep that stops at the first precision meeting the target finds what the full sweep finds.
    var context = EvaluationContext(seed: 0)
    let reference = try pair.0.evaluate(on: pair.1.train, context: &context).accuracy
    let full = try AxNN.retrainedUniformCurve(
      pair.0, data: pair.1, precisions: precisions, epochs: 1, training: training, estimator: estimator)
    let early = try AxNN.retrainedUniformCurve(
      pair.0, data: pair.1, precisions: precisions, epochs: 1, training: training, estimator: estimator,
      target: (trainingAccuracy: reference, maximumLoss: 0.005))
    let best = AxNN.cheapestMeetingTarget(full, referenceTrainingAccuracy: reference, maximumLoss: 0.005)
    #expect(best != nil && best == AxNN.cheapestMeetingTarget(early, referenceTrainingAccuracy: reference, maximumLoss: 0.005))
    #expect(early.count <= full.count && early.last?.setting == "2 bits", "narrowest first, reported widest first")
    // Only points with a training accuracy within the target qualify.
    #expect(AxNN.cheapestMeetingTarget(full, referenceTrainingAccuracy: 2, maximumLoss: 0.005) == nil)
  }

  @Test func neuronErrorsAreAveragedOverTheData() throws {
    let pair = try #require(BundledData.digitsMLP)
    let errors = try AxNN.neuronErrors(pair.0, arithmetic: nil, data: pair.1.train)
    #expect(errors.map(\.count) == [32, 10])
    #expect(errors.allSatisfy { $0.allSatisfy { $0 >= 0 && $0.isFinite } })
    // Neurons differ in resilience by far more than noise (AxNN Fig. 8: orders of magnitude).
    let first = errors[0].filter { $0 > 0 }
    #expect((first.max() ?? 0) / (first.min() ?? 1) > 5)
  }
}
