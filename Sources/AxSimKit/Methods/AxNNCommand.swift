import Foundation
import NeuralEngine
import Trace

/// `axsim nn axnn`: AxNN on a data set, priced on QCNPE, against the paper's two baselines.
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
    let points = retrained.curve + noRetrain.curve + uniform
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
          .init("exact_test_accuracy", exact.accuracy),
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
    console.out("wrote \(setup.output)/axnn.json, axnn.csv, axnn.svg\n")
    return 0
  }
}
