import Foundation
import NeuralEngine
import Trace

/// `axsim nn framnn`: FramNN's approximate training (m-bit mantissa multiplier forward, exact
/// backpropagation) on a schedule of widths, against exact training from the same weights;
/// both networks evaluated at several inference widths, each width priced on the GPU.
enum FramNNCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let command = "nn framnn"
    let setup = try MethodSetup(
      arguments, command: command, extraOptions: ["mantissa", "schedule", "from", "fine-tune-epochs", "fine-tune-seed"],
      defaultConfig: CANNACommand.defaultConfig, console: console)
    let bits = try setup.parsed.integer("mantissa", command: command, in: 1...24) ?? 16
    let start = try setup.parsed.integer("from", command: command, in: 1...24) ?? max(1, bits - 4)
    guard start <= bits else { throw .usage("axsim \(command): --from \(start) must not exceed --mantissa \(bits)") }
    let scheduleName = try setup.parsed.choice("schedule", command: command, in: ["uniform", "linear", "edp"]) ?? "edp"
    let schedule = try DatasetLoading.wrap("--schedule") { () throws(NeuralEngineError) -> FramNNSchedule in
      switch scheduleName {
      case "uniform": return try .uniform(bits: bits)
      case "linear": return try .linear(from: start, to: bits)
      default:
        let levels = Array(start...bits)
        return try .edpOptimal(levels: levels, powers: try FramNNSchedule.multiplierPowers(levels: levels))
      }
    }
    let name = "\(setup.data.train.name)-\(setup.topology)"
    let baseline = try setup.trainBaseline(name: name)
    var fineTune = setup.training
    fineTune.epochs = try setup.parsed.integer("fine-tune-epochs", command: command, in: 1...100_000) ?? 3
    fineTune.learningRate = min(fineTune.learningRate, 0.01)
    // The fine-tuning's own seed (sample order), so one baseline can be fine-tuned several ways.
    if let seed = try setup.parsed.integer("fine-tune-seed", command: command, in: 0...Int(Int32.max)) {
      fineTune.seed = UInt64(seed)
    }
    let training = fineTune
    let data = setup.data
    let (exactNetwork, framNN) = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      var exact = baseline
      try Trainer(configuration: training).train(&exact, on: data.train)
      let approximate = try FramNNTraining(configuration: .init(schedule: schedule, training: training)).run(
        baseline, on: data.train)
      return (exact, approximate.network)
    }
    let estimator = setup.estimator
    let layers = baseline.layers.count
    let widths = Array(Set([24, 16, 12, 8, 6, 4, bits])).sorted(by: >)
    var points: [QualityEnergyPoint] = []
    var lines = ["FramNN on \(data.train.name) \(setup.topology): \(scheduleName) schedule over widths \(schedule.levels)"]
    let referenceEnergy = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
      try estimator.totalEnergy(of: baseline, arithmetic: .exact(layers: layers))
    }
    for width in widths {
      let arithmetic = FramNNTraining.arithmetic(mantissaBits: width, layers: layers)
      let (energy, exactMetrics, framNNMetrics) = try DatasetLoading.wrap(data.test.name) { () throws(NeuralEngineError) in
        (
          try estimator.totalEnergy(of: baseline, arithmetic: arithmetic),
          try FramNNTraining.evaluate(exactNetwork, on: data.test, mantissaBits: width),
          try FramNNTraining.evaluate(framNN, on: data.test, mantissaBits: width)
        )
      }
      for (method, metrics) in [("exact-trained", exactMetrics), ("framnn-trained", framNNMetrics)] {
        points.append(
          QualityEnergyPoint(
            method: method, setting: "\(width) bits", accuracy: metrics.accuracy, outputError: metrics.outputError,
            energyPJ: energy,
            arithmetic: arithmetic))
      }
      lines.append(
        String(
          format: "m = %2d: exact-trained %.2f%% (error %.4f), FramNN-trained %.2f%% (error %.4f), %.3fx less GPU energy", width,
          exactMetrics.accuracy * 100, exactMetrics.outputError, framNNMetrics.accuracy * 100, framNNMetrics.outputError,
          referenceEnergy / energy))
    }
    try setup.write(
      points, name: "framnn", title: "FramNN on \(data.train.name) \(setup.topology), GPU", referenceEnergyPJ: referenceEnergy,
      network: framNN, arithmetic: FramNNTraining.arithmetic(mantissaBits: bits, layers: layers),
      provenance: Provenance(
        source: "axsim nn framnn", dataset: data.train.name, seed: setup.training.seed, epochs: setup.training.epochs,
        testAccuracy: points.last(where: { $0.method == "framnn-trained" && $0.setting == "\(bits) bits" })?.accuracy,
        method: "framnn-\(scheduleName)",
        parameters: [.init("mantissa_bits", Double(bits)), .init("lowest_training_bits", Double(schedule.levels.first ?? bits))]))
    console.out(lines.joined(separator: "\n") + "\nwrote \(setup.output)/framnn.json, framnn.csv, framnn.svg\n")
    return 0
  }
}
