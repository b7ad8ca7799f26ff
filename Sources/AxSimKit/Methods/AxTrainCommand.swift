import Foundation
import NeuralEngine
import Trace

/// `axsim nn axtrain`: plain backpropagation against AxTrain-act, AxTrain-pas and their
/// combination, from the same initial network; each evaluated exact, with DRUM-k multipliers
/// and with near-threshold weight storage (mean ± std over seeded runs), priced on FlexFlow.
enum AxTrainCommand {
  /// The FlexFlow config the method prices on unless `--config` names another.
  static let defaultConfig = InputLoader.embeddedPrefix + "configs/flexflow-16x16.json"

  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let command = "nn axtrain"
    let setup = try MethodSetup(
      arguments, command: command, extraOptions: ["drum", "ntv", "runs", "passive-epochs", "gamma"], defaultConfig: defaultConfig,
      console: console)
    var configuration = AxTrainConfiguration()
    if setup.parsed.options["epochs"] != nil { configuration.training.epochs = setup.training.epochs }
    if setup.parsed.options["learning-rate"] != nil { configuration.training.learningRate = setup.training.learningRate }
    configuration.training.batchSize = setup.training.batchSize
    configuration.training.seed = setup.training.seed
    let k = try setup.parsed.integer("drum", command: command, in: 3...15) ?? 4
    let volts = try setup.parsed.number("ntv", command: command, in: 0.3...1.1) ?? 0.66
    configuration.noises = [.drum(k: k), .nearThreshold(volts: volts)]
    configuration.evaluationRuns = try setup.parsed.integer("runs", command: command, in: 1...10_000) ?? 50
    configuration.passiveEpochs =
      try setup.parsed.integer("passive-epochs", command: command, in: 0...100_000) ?? configuration.passiveEpochs
    if let gamma = try setup.parsed.number("gamma", command: command, in: 0...100) {
      let schedule = configuration.preferenceSchedule
      configuration.preferenceSchedule = PreferenceSchedule(initial: gamma, step: schedule.step, errorBound: schedule.errorBound)
    }
    let name = "\(setup.data.train.name)-\(setup.topology)"
    let initial = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
      try setup.specification.build(
        name: name, inputShape: setup.data.train.sampleShape, classes: setup.data.train.classes, seed: setup.training.seed)
    }
    let frozen = configuration
    let data = setup.data
    let outcome = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try AxTrain(configuration: frozen).run(initial, data: data)
    }
    let estimator = setup.estimator
    let layers = initial.layers.count
    var energies: [String: Double] = [:]
    for noise in [nil] + configuration.noises.map(Optional.some) {
      let arithmetic = noise.map { AxTrainOutcome.arithmetic(for: $0, layers: layers) } ?? .exact(layers: layers)
      energies[noise?.description ?? "exact"] = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
        try estimator.totalEnergy(of: initial, arithmetic: arithmetic)
      }
    }
    let referenceEnergy = energies["exact"] ?? 0
    var points: [QualityEnergyPoint] = []
    for evaluation in outcome.evaluations {
      let label = evaluation.evaluatedUnder?.description ?? "exact"
      let method = evaluation.method.rawValue + (evaluation.trainedAgainst.map { " (\($0))" } ?? "")
      var point = QualityEnergyPoint(
        method: method, setting: label, accuracy: evaluation.accuracy.mean, outputError: evaluation.outputError.mean,
        energyPJ: energies[label] ?? 0, arithmetic: evaluation.arithmetic ?? .exact(layers: layers))
      point.accuracyStandardDeviation = evaluation.accuracy.standardDeviation
      point.runs = evaluation.accuracy.values.count
      points.append(point)
    }
    let drum = AxTrain.Noise.drum(k: k)
    let chosen = outcome.network(.combined, against: drum) ?? initial
    try setup.write(
      points, name: "axtrain", title: "AxTrain on \(data.train.name) \(setup.topology), FlexFlow",
      referenceEnergyPJ: referenceEnergy,
      network: chosen, arithmetic: AxTrainOutcome.arithmetic(for: drum, layers: layers),
      provenance: Provenance(
        source: "axsim nn axtrain", dataset: data.train.name, seed: setup.training.seed, epochs: configuration.training.epochs,
        testAccuracy: outcome.evaluation(.combined, trainedAgainst: drum, under: drum)?.accuracy.mean, method: "axtrain",
        parameters: [
          .init("drum_k", Double(k)), .init("ntv_volts", volts), .init("evaluation_runs", Double(configuration.evaluationRuns)),
        ]))
    var lines = [outcome.table]
    for noise in configuration.noises {
      let energy = energies[noise.description] ?? 0
      lines.append(
        String(
          format: "%@ on %@: %.3fx less energy than exact 16-bit", noise.description, setup.hardware.hardware.modelName,
          referenceEnergy / max(energy, 1e-30)))
    }
    console.out(lines.joined(separator: "\n") + "\nwrote \(setup.output)/axtrain.json, axtrain.csv, axtrain.svg\n")
    return 0
  }
}
