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
      arguments, command: command, extraOptions: ["drum", "ntv", "runs", "passive-epochs", "gamma", "max-loss"],
      defaultConfig: defaultConfig, console: console)
    var configuration = AxTrainConfiguration()
    if setup.parsed.options["epochs"] != nil { configuration.training.epochs = setup.training.epochs }
    if setup.parsed.options["learning-rate"] != nil { configuration.training.learningRate = setup.training.learningRate }
    configuration.training.batchSize = setup.training.batchSize
    configuration.training.seed = setup.training.seed
    let drumValues = try list("drum", of: setup.parsed, command: command, in: 3...15, default: 4)
    let voltages = try list("ntv", of: setup.parsed, command: command, in: 0.3...1.1, default: 0.66)
    guard drumValues.allSatisfy({ $0 == $0.rounded() }), let volts = voltages.first else {
      throw .usage(
        "axsim \(command): --drum expects integers in 3...15 separated by commas, found \"\(setup.parsed.options["drum"] ?? "")\""
      )
    }
    let ks = drumValues.map { Int($0) }
    let k = ks.first ?? 4
    let maximumLoss = try setup.parsed.number("max-loss", command: command, in: 0...1) ?? 0.02
    configuration.noises = ks.map { AxTrain.Noise.drum(k: $0) } + voltages.map { AxTrain.Noise.nearThreshold(volts: $0) }
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
    var groups: [String: [String: Double]] = [:]
    for noise in [nil] + configuration.noises.map(Optional.some) {
      let arithmetic = noise.map { AxTrainOutcome.arithmetic(for: $0, layers: layers) } ?? .exact(layers: layers)
      let report = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
        try estimator.report(of: initial, arithmetic: arithmetic)
      }
      energies[noise?.description ?? "exact"] = report.layers.map(\.figures.energyPJ).reduce(0, +)
      groups[noise?.description ?? "exact"] = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.name, $0.energyPJ) })
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
          .init("max_accuracy_loss", maximumLoss),
        ]))
    var lines = [outcome.table]
    for noise in configuration.noises {
      let energy = energies[noise.description] ?? 0
      lines.append(
        String(
          format: "%@ on %@: %.3fx less energy than exact 16-bit", noise.description, setup.hardware.hardware.modelName,
          referenceEnergy / max(energy, 1e-30)))
    }
    lines.append(
      AxTrainEqualAccuracy.summary(
        outcome, energies: energies, groups: groups, maximumLoss: maximumLoss, hardware: setup.hardware.hardware.modelName))
    console.out(lines.joined(separator: "\n") + "\nwrote \(setup.output)/axtrain.json, axtrain.csv, axtrain.svg\n")
    return 0
  }

  /// Option `name` as a comma-separated list of numbers in `range` (`--ntv 0.40,0.66`), or
  /// `[fallback]` when absent; no value may repeat.
  static func list(
    _ name: String, of parsed: ParsedArguments, command: String, in range: ClosedRange<Double>, default fallback: Double
  ) throws(AxSimError) -> [Double] {
    guard let text = parsed.options[name] else { return [fallback] }
    var values: [Double] = []
    for field in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let value = Double(field), value.isFinite, range.contains(value), !values.contains(value) else {
        throw .usage(
          "axsim \(command): --\(name) expects distinct numbers in \(range.lowerBound)...\(range.upperBound) separated by commas, found \"\(text)\""
        )
      }
      values.append(value)
    }
    return values
  }
}
