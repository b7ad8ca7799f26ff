import Foundation
import NeuralEngine
import Trace

/// `axsim nn axnn`: AxNN on a data set, priced on QCNPE, against the paper's two baselines
/// (uniform precision; AxNN without retraining) and a uniform baseline retrained with AxNN's
/// retraining budget, which tells neuron selection from retraining.
enum AxNNCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let setup = try MethodSetup(
      arguments, command: "nn axnn", extraOptions: ["alpha", "retrain-epochs", "max-loss"],
      defaultConfig: InputLoader.defaultConfigPath,
      console: console)
    var configuration = AxNN.Configuration()
    configuration.alpha = try setup.parsed.number("alpha", command: "nn axnn", in: 0.01...100) ?? configuration.alpha
    configuration.retrainEpochs =
      try setup.parsed.integer("retrain-epochs", command: "nn axnn", in: 1...1000) ?? configuration.retrainEpochs
    configuration.maximumAccuracyLoss =
      try setup.parsed.number("max-loss", command: "nn axnn", in: 0...1) ?? configuration.maximumAccuracyLoss
    configuration.training.seed = setup.training.seed
    let name = "\(setup.data.train.name)-\(setup.topology)"
    let network = try setup.trainBaseline(name: name)
    let exactArithmetic = NetworkArithmetic.uniform(.fixedPoint(bits: 16), layers: network.layers.count)
    let estimator = setup.estimator
    let referenceEnergy = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
      try estimator.totalEnergy(of: network, arithmetic: exactArithmetic)
    }
    let retrained = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try AxNN(configuration: configuration).run(network, data: setup.data, estimator: estimator, label: "axnn")
    }
    var withoutRetraining = configuration
    withoutRetraining.retrains = false
    let frozen = withoutRetraining
    let noRetrain = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try AxNN(configuration: frozen).run(network, data: setup.data, estimator: estimator, label: "axnn without retraining")
    }
    let uniform = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try AxNN.uniformCurve(network, data: setup.data, precisions: configuration.precisionSteps, estimator: estimator)
    }
    let budget = retrained.retrainingEpochs
    let retraining = configuration.training
    let target = (trainingAccuracy: retrained.curve.first?.trainingAccuracy ?? 1, maximumLoss: configuration.maximumAccuracyLoss)
    let uniformRetrained = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try AxNN.retrainedUniformCurve(
        network, data: setup.data, precisions: configuration.precisionSteps, epochs: budget, training: retraining,
        estimator: estimator, target: target)
    }
    let points = retrained.curve + noRetrain.curve + uniform + uniformRetrained
    guard let exact = retrained.curve.first, let last = retrained.curve.last else { throw .usage("axsim nn axnn: no result") }
    let improvement = referenceEnergy / last.energyPJ
    try setup.write(
      points, name: "axnn", title: "AxNN on \(setup.data.train.name) \(setup.topology), QCNPE",
      referenceEnergyPJ: referenceEnergy,
      network: retrained.network, arithmetic: retrained.arithmetic,
      provenance: Provenance(
        source: "axsim nn axnn", dataset: setup.data.train.name, seed: setup.training.seed, epochs: setup.training.epochs,
        testAccuracy: last.accuracy, method: "axnn",
        parameters: [
          .init("alpha", configuration.alpha), .init("retrain_epochs", Double(configuration.retrainEpochs)),
          .init("max_accuracy_loss", configuration.maximumAccuracyLoss), .init("energy_improvement", improvement),
          .init("exact_test_accuracy", exact.accuracy), .init("retraining_epochs", Double(budget)),
        ]))
    console.out(
      String(
        format: "AxNN on %@ %@: %.3fx less energy on %@ (%.1f -> %.1f pJ per inference of %d), test accuracy %.2f%% -> %.2f%%\n",
        setup.data.train.name, setup.topology, improvement, setup.hardware.hardware.modelName, referenceEnergy, last.energyPJ,
        estimator.batch, exact.accuracy * 100, last.accuracy * 100))
    if let noRetrainLast = noRetrain.curve.last {
      console.out(
        String(
          format: "without retraining: %.3fx at %.2f%%\n", referenceEnergy / noRetrainLast.energyPJ, noRetrainLast.accuracy * 100)
      )
    }
    console.out("final precisions: \(precisionSummary(retrained.arithmetic))\n")
    console.out(
      baselineSummary(
        exact: exact,
        candidates: [
          ("axnn", retrained.curve), ("axnn without retraining", noRetrain.curve), ("uniform", uniform),
          ("uniform retrained \(budget) epochs", uniformRetrained),
        ], referenceEnergyPJ: referenceEnergy, maximumLoss: configuration.maximumAccuracyLoss, budget: budget,
        steps: configuration.retrainEpochs))
    console.out("wrote \(setup.output)/axnn.json, axnn.csv, axnn.svg\n")
    return 0
  }

  /// Per layer, how many neurons ended at each precision: `layer 1: 32 x 5 bits; layer 2: …`.
  static func precisionSummary(_ arithmetic: NetworkArithmetic) -> String {
    arithmetic.layers.enumerated().compactMap { index, layer in
      guard let bits = layer.precision?.inputBits, !bits.isEmpty else { return nil }
      let counts = Set(bits).sorted(by: >).map { width in "\(bits.filter { $0 == width }.count) x \(width) bits" }
      return "layer \(index + 1): " + counts.joined(separator: ", ")
    }.joined(separator: "; ")
  }

  /// One line per curve: its cheapest point that keeps training accuracy within the target of
  /// the exact network's (Algorithm 1's rule for all, so the comparison is like for like).
  static func baselineSummary(
    exact: QualityEnergyPoint, candidates: [(String, [QualityEnergyPoint])], referenceEnergyPJ: Double, maximumLoss: Double,
    budget: Int, steps: Int
  ) -> String {
    let reference = exact.trainingAccuracy ?? exact.accuracy
    var lines = [
      String(
        format:
          "cheapest within %.1f%% of the exact network's training accuracy (%.2f%%); retraining budget %d epochs (%d per step):",
        maximumLoss * 100, reference * 100, budget, steps)
    ]
    for (label, curve) in candidates {
      guard let best = AxNN.cheapestMeetingTarget(curve, referenceTrainingAccuracy: reference, maximumLoss: maximumLoss) else {
        lines.append("  \(label): none")
        continue
      }
      lines.append(
        String(
          format: "  %@: %@, %.3fx, test accuracy %.2f%%, training %.2f%%", label, best.setting,
          referenceEnergyPJ / best.energyPJ, best.accuracy * 100, (best.trainingAccuracy ?? 0) * 100))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
