import AxJSON
import Foundation
import NeuralEngine
import SimKernel
import Trace

/// What every `axsim nn METHOD` command shares: the data set, the baseline network it trains
/// first, the hardware it prices on, and where it writes.
struct MethodSetup {
  var data: DatasetSplit
  var specification: NetworkSpecification
  var training: TrainingConfiguration
  var topology: String
  var hardware: RunConfiguration
  var estimator: HardwareEnergyEstimator
  var output: String
  var parsed: ParsedArguments
  var console: Console

  /// The options every method accepts; each method adds its own.
  static let commonOptions: Set<String> = [
    "dataset", "topology", "conv", "activation", "epochs", "seed", "learning-rate", "batch-size", "config", "batch", "output",
  ]

  init(
    _ arguments: [String], command: String, extraOptions: Set<String>, flags: Set<String> = [], defaultConfig: String,
    console: Console
  ) throws(AxSimError) {
    parsed = try ParsedArguments(
      arguments, command: command, valueOptions: MethodSetup.commonOptions.union(extraOptions), flags: flags)
    guard parsed.positionals.isEmpty else { throw .usage("axsim \(command): unexpected argument \(parsed.positionals[0])") }
    guard let datasetName = parsed.options["dataset"] else { throw .usage("axsim \(command): --dataset NAME is required") }
    guard let topology = parsed.options["topology"] else { throw .usage("axsim \(command): --topology WIDTHS is required") }
    guard let output = parsed.options["output"] else { throw .usage("axsim \(command): --output DIRECTORY is required") }
    self.topology = topology
    self.output = output
    self.console = console
    data = try DatasetLoading.split(datasetName)
    let activationNames = ["relu", "relu6", "sigmoid", "tanh"]
    let activation =
      Activation(rawValue: try parsed.choice("activation", command: command, in: activationNames) ?? "relu") ?? .relu
    let convolution = parsed.options["conv"]
    specification = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
      try NetworkSpecification(dense: topology, convolution: convolution, hiddenActivation: activation)
    }
    training = TrainingConfiguration(seed: UInt64(try parsed.integer("seed", command: command, in: 0...Int(Int32.max)) ?? 1))
    training.epochs = try parsed.integer("epochs", command: command, in: 1...100_000) ?? training.epochs
    training.learningRate = Float(
      try parsed.number("learning-rate", command: command, in: 1e-9...10) ?? Double(training.learningRate))
    training.batchSize = try parsed.integer("batch-size", command: command, in: 1...1_000_000) ?? training.batchSize
    hardware = try InputLoader.configuration(parsed.options["config"] ?? defaultConfig)
    estimator = HardwareEnergyEstimator(
      configuration: hardware, energyTable: try InputLoader.energyTable(hardware.energyTablePath),
      batch: try parsed.integer("batch", command: command, in: 1...1_000_000) ?? 64)
    try FileSystem.ensureDirectory(output)
  }

  /// A freshly trained baseline network (exact arithmetic), with a progress line per epoch.
  func trainBaseline(name: String, arithmetic: NetworkArithmetic? = nil, seed: UInt64? = nil) throws(AxSimError) -> Network {
    var configuration = training
    configuration.arithmetic = arithmetic
    if let seed { configuration.seed = seed }
    let trainingSeed = configuration.seed
    var network = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
      try specification.build(name: name, inputShape: data.train.sampleShape, classes: data.train.classes, seed: trainingSeed)
    }
    let console = console
    let epochs = configuration.epochs
    let frozen = configuration
    try DatasetLoading.wrap(data.train.name) { () throws(NeuralEngineError) in
      try Trainer(configuration: frozen).train(&network, on: data.train) { summary in
        guard console.isInteractive else { return }
        console.err(
          String(
            format: "\(name): epoch %d/%d  loss %.4f  training accuracy %.2f%%\n", summary.epoch, epochs, summary.loss,
            summary.trainingAccuracy * 100))
      }
    }
    return network
  }

  /// Writes `name`.csv and `name`.svg for the points, and `name`.json for the chosen network.
  func write(
    _ points: [QualityEnergyPoint], name: String, title: String, referenceEnergyPJ: Double, network: Network,
    arithmetic: NetworkArithmetic, provenance: Provenance
  ) throws(AxSimError) {
    let model = hardware.hardware.modelName
    try FileSystem.write(
      MethodOutputs.csv(points, referenceEnergyPJ: referenceEnergyPJ, hardware: model), to: "\(output)/\(name).csv")
    try FileSystem.write(
      MethodOutputs.svg(points, referenceEnergyPJ: referenceEnergyPJ, title: title, hardware: model), to: "\(output)/\(name).svg")
    let statistics = try DatasetLoading.wrap(data.test.name) { () throws(NeuralEngineError) in
      try OperandStatisticsCollector.measure(network, on: data.test)
    }
    let trace = TraceWriter.trace(
      for: network, arithmetic: arithmetic, statistics: statistics, batch: estimator.batch, provenance: provenance)
    try FileSystem.write(JSONWriter().string(trace.jsonValue), to: "\(output)/\(name).json")
  }
}
