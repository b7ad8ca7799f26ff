import Foundation
import NeuralEngine
import Trace

/// `axsim nn canna`: CANNA's layer sensitivity and layer-based configuration (Algorithm 2)
/// against the uniform configuration, hit rates measured on the test data's real operands,
/// every point priced on the GPU; `--gta` also trains a network with gradual training
/// approximation (Algorithm 1).
enum CANNACommand {
  /// The GPU config the method prices on unless `--config` names another.
  static let defaultConfig = InputLoader.embeddedPrefix + "configs/gpu-si.json"

  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let command = "nn canna"
    var setup = try MethodSetup(
      arguments, command: command, extraOptions: ["max-loss", "spread", "gta-max-bits"], flags: ["gta"],
      defaultConfig: defaultConfig, console: console)
    var configuration = CANNALayerBasedApproximation.Configuration()
    configuration.maximumAccuracyLoss = try setup.parsed.number("max-loss", command: command, in: 0...1) ?? 0
    configuration.spread = try setup.parsed.number("spread", command: command, in: 0...22) ?? configuration.spread
    setup.estimator.operandData = setup.data.test
    let name = "\(setup.data.train.name)-\(setup.topology)"
    let network = try setup.trainBaseline(name: name)
    let estimator = setup.estimator
    let frozen = configuration
    let outcome = try DatasetLoading.wrap(name) { () throws(NeuralEngineError) in
      try CANNALayerBasedApproximation(configuration: frozen).run(network, data: setup.data)
    }
    let exactArithmetic = NetworkArithmetic.exact(layers: network.layers.count)
    let (referenceEnergy, points) = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
      (
        try estimator.totalEnergy(of: network, arithmetic: exactArithmetic),
        try outcome.curve(network: network, estimator: estimator)
      )
    }
    var lines = [
      String(
        format: "CANNA on %@ %@ (quality target: at most %.2f%% accuracy loss, exact %.2f%%)", setup.data.train.name,
        setup.topology,
        configuration.maximumAccuracyLoss * 100, outcome.exact.accuracy * 100),
      "layer sensitivities: "
        + outcome.sensitivity.sensitivities.map { $0.map { String(format: "%.3f", $0) } ?? "-" }.joined(separator: " "),
    ]
    for (label, point) in [("layer-based", outcome.layerBased), ("uniform", outcome.uniform)] {
      guard let point else {
        lines.append("\(label): no configuration meets the target; run exact")
        continue
      }
      let energy = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
        try estimator.totalEnergy(of: network, arithmetic: point.arithmetic)
      }
      lines.append(
        String(
          format: "%@: tuning bits %@, accuracy %.2f%%, hit rate %.1f%% (per layer %@), %.3fx less energy on the GPU", label,
          point.tuningBits.map { $0.map(String.init) ?? "-" }.joined(separator: ","), point.metrics.accuracy * 100,
          point.hitRate * 100,
          point.usage.layerHitRates.map { $0.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }.joined(separator: ", "),
          referenceEnergy / energy))
    }
    let chosen = outcome.layerBased ?? outcome.uniform
    let arithmetic = chosen?.arithmetic ?? exactArithmetic
    try setup.write(
      points, name: "canna", title: "CANNA on \(setup.data.train.name) \(setup.topology), GPU",
      referenceEnergyPJ: referenceEnergy,
      network: network, arithmetic: arithmetic,
      provenance: Provenance(
        source: "axsim nn canna", dataset: setup.data.train.name, seed: setup.training.seed, epochs: setup.training.epochs,
        testAccuracy: chosen?.metrics.accuracy ?? outcome.exact.accuracy, method: "canna-layer",
        parameters: [
          .init("max_accuracy_loss", configuration.maximumAccuracyLoss), .init("spread", configuration.spread),
          .init("hit_rate", chosen?.hitRate ?? 0), .init("exact_test_accuracy", outcome.exact.accuracy),
        ]))
    if setup.parsed.options["gta"] != nil {
      let maximumBits = try setup.parsed.integer("gta-max-bits", command: command, in: 0...22) ?? 5
      var gtaConfiguration = GradualTrainingApproximation.Configuration()
      gtaConfiguration.maximumTuningBits = maximumBits
      gtaConfiguration.training.seed = setup.training.seed
      gtaConfiguration.training.epochs = setup.training.epochs
      gtaConfiguration.training.learningRate = setup.training.learningRate
      gtaConfiguration.training.batchSize = setup.training.batchSize
      let fresh = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
        try setup.specification.build(
          name: name + "-gta", inputShape: setup.data.train.sampleShape, classes: setup.data.train.classes,
          seed: setup.training.seed)
      }
      let frozenGTA = gtaConfiguration
      let gta = try DatasetLoading.wrap(setup.data.train.name) { () throws(NeuralEngineError) in
        try GradualTrainingApproximation(configuration: frozenGTA).run(fresh, on: setup.data.train)
      }
      var context = EvaluationContext(seed: 0)
      let metrics = try DatasetLoading.wrap(setup.data.test.name) { () throws(NeuralEngineError) in
        try gta.network.evaluate(on: setup.data.test, arithmetic: nil, context: &context)
      }
      lines.append(
        String(
          format: "GTA: tuning bits stepped at iterations %@ of %d, training hit rate %.1f%%, test accuracy %.2f%%",
          gta.steps.map { String($0.iteration) }.joined(separator: ","), gta.tuningBitsPerIteration.count,
          gta.trainingHitRate * 100,
          metrics.accuracy * 100))
      lines.append(
        "GTA levels (tuning bits: iterations, hit rate): "
          + gta.levels.map { String(format: "%d: %d, %.1f%%", $0.tuningBits, $0.iterations, $0.usage.overallHitRate * 100) }
          .joined(separator: "; "))
      let levels = gta.levels.map { (tuningBits: $0.tuningBits, iterations: $0.iterations, hitRate: $0.usage.overallHitRate) }
      let batch = gtaConfiguration.training.batchSize
      if let (gtaEnergy, exactEnergy) = try trainingEnergy(of: levels, network: fresh, batch: batch, setup: setup) {
        lines.append(
          String(
            format:
              "GTA training on the GPU: whole GPU %.3fx less energy than as many exact iterations, its multipliers %.3fx less",
            exactEnergy.total / gtaEnergy.total, exactEnergy.multipliers / gtaEnergy.multipliers))
      }
      // CANNA Table IV's comparison: uniform training (one setting throughout) at the quality
      // GTA reached, both against the exactly trained baseline.
      let exactAccuracy = outcome.exact.accuracy
      let gtaLoss = max(0, exactAccuracy - metrics.accuracy)
      var uniformTraining = gtaConfiguration.training
      uniformTraining.epochs = setup.training.epochs
      let frozenUniform = uniformTraining
      let runs = try DatasetLoading.wrap(setup.data.train.name) { () throws(NeuralEngineError) in
        try CANNAUniformTraining.search(
          fresh, data: setup.data, training: frozenUniform, exactAccuracy: exactAccuracy, maximumAccuracyLoss: gtaLoss,
          maximumTuningBits: maximumBits)
      }
      if let uniform = runs.last {
        var line = String(
          format:
            "uniform training at GTA's quality (%.2f%% loss): %d tuning bits for %d iterations, training hit rate %.1f%%, test accuracy %.2f%%%@",
          gtaLoss * 100, uniform.tuningBits, uniform.iterations, uniform.usage.overallHitRate * 100,
          uniform.metrics.accuracy * 100,
          uniform.meetsQoS ? "" : " (no setting up to the GTA cap meets it)")
        let level = [(tuningBits: uniform.tuningBits, iterations: uniform.iterations, hitRate: uniform.usage.overallHitRate)]
        if let (uniformEnergy, exactEnergy) = try trainingEnergy(of: level, network: fresh, batch: batch, setup: setup) {
          line += String(
            format: "; on the GPU %.3fx less energy than exact training, multipliers %.3fx less",
            exactEnergy.total / uniformEnergy.total, exactEnergy.multipliers / uniformEnergy.multipliers)
        }
        lines.append(line)
      }
    }
    console.out(lines.joined(separator: "\n") + "\nwrote \(setup.output)/canna.json, canna.csv, canna.svg\n")
    return 0
  }

  /// Energy of a training run on the GPU, in pJ: the whole device and its multipliers alone.
  struct TrainingEnergy {
    var total = 0.0
    var multipliers = 0.0
  }

  /// The energy of a CANNA training run on the configured GPU: each level's iterations times
  /// one training step (forward, backward, update kernels at the training batch) with every
  /// multiply on the CFPU at the level's tuning bits and the hit rate measured while training
  /// at that level; and the same number of exact steps. Nil when the config is not a GPU.
  static func trainingEnergy(
    of levels: [(tuningBits: Int, iterations: Int, hitRate: Double)], network: Network, batch: Int, setup: MethodSetup
  ) throws(AxSimError) -> (approximate: TrainingEnergy, exact: TrainingEnergy)? {
    guard case .gpu(var gpu) = setup.hardware.hardware else { return nil }
    gpu.training = true
    var estimator = setup.estimator
    estimator.batch = batch
    estimator.operandData = nil
    let layers = network.layers.count
    func step(tuningBits: Int?, hitRate: Double?) throws(AxSimError) -> TrainingEnergy {
      var config = gpu
      config.hitRateOverride = hitRate
      estimator.configuration.hardware = .gpu(config)
      let frozen = estimator
      let report = try DatasetLoading.wrap("--config") { () throws(NeuralEngineError) in
        let arithmetic = try tuningBits.map { bits throws(NeuralEngineError) in
          try network.cannaArithmetic(tuningBits: Array(repeating: bits, count: layers))
        }
        return try frozen.report(of: network, arithmetic: arithmetic ?? .exact(layers: layers))
      }
      let multipliers = report.components.filter { $0.name == "simd.fpu.multiplier" }.reduce(0) { $0 + $1.energyPJ }
      return TrainingEnergy(total: report.totals.energyPJ, multipliers: multipliers)
    }
    var total = TrainingEnergy()
    var iterations = 0
    for level in levels where level.iterations > 0 {
      let energy = try step(tuningBits: level.tuningBits, hitRate: level.hitRate)
      total.total += Double(level.iterations) * energy.total
      total.multipliers += Double(level.iterations) * energy.multipliers
      iterations += level.iterations
    }
    let exact = try step(tuningBits: nil, hitRate: nil)
    return (total, TrainingEnergy(total: Double(iterations) * exact.total, multipliers: Double(iterations) * exact.multipliers))
  }
}
