import AxJSON
import Foundation
import NeuralEngine
import SimKernel
import Trace

/// `axsim nn train|eval|datasets`: the NN engine from the command line.
enum NNCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    guard let subcommand = arguments.first else {
      throw .usage("axsim nn: expected train, eval, datasets, axnn, canna, framnn or axtrain; see 'axsim help nn'")
    }
    let rest = Array(arguments.dropFirst())
    switch subcommand {
    case "train": return try train(rest, console: console)
    case "eval": return try evaluate(rest, console: console)
    case "axnn": return try AxNNCommand.run(rest, console: console)
    case "canna": return try CANNACommand.run(rest, console: console)
    case "framnn": return try FramNNCommand.run(rest, console: console)
    case "axtrain": return try AxTrainCommand.run(rest, console: console)
    case "datasets":
      console.out(
        "bundled data sets: digits (1797 x 8x8 pixels, 10 classes), breast_cancer (569 x 30, 2), iris (150 x 4, 3), wine (178 x 13, 3), ionosphere (351 x 34, 2), segment (2310 x 19, 7), satimage (6435 x 36, 7 labels, 6 with samples), mnist5k (5000 x 28x28 pixels, 10)\n"
      )
      return 0
    default:
      throw .usage("axsim nn: unknown subcommand '\(subcommand)'; expected train, eval, datasets, axnn, canna, framnn or axtrain")
    }
  }

  static func train(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "nn train",
      valueOptions: [
        "dataset", "topology", "conv", "activation", "epochs", "seed", "learning-rate", "batch-size", "momentum", "dropout",
        "train-arithmetic", "trace-batch", "output",
      ])
    guard parsed.positionals.isEmpty else { throw .usage("axsim nn train: unexpected argument \(parsed.positionals[0])") }
    guard let datasetName = parsed.options["dataset"] else { throw .usage("axsim nn train: --dataset NAME is required") }
    guard let topology = parsed.options["topology"] else {
      throw .usage("axsim nn train: --topology WIDTHS (such as 64-32-10) is required")
    }
    guard let output = parsed.options["output"] else { throw .usage("axsim nn train: --output TRACE is required") }
    let activationNames = ["relu", "relu6", "sigmoid", "tanh"]
    let activation =
      Activation(rawValue: try parsed.choice("activation", command: "nn train", in: activationNames) ?? "relu") ?? .relu
    let seed = UInt64(try parsed.integer("seed", command: "nn train", in: 0...Int(Int32.max)) ?? 1)
    let data = try DatasetLoading.split(datasetName)
    let specification = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
      try NetworkSpecification(dense: topology, convolution: parsed.options["conv"], hiddenActivation: activation)
    }
    let name = "\(data.train.name)-\(parsed.options["conv"] == nil ? "" : "cnn-")\(topology)"
    var network = try DatasetLoading.wrap("--topology") { () throws(NeuralEngineError) in
      try specification.build(name: name, inputShape: data.train.sampleShape, classes: data.train.classes, seed: seed)
    }
    var configuration = TrainingConfiguration(seed: seed)
    configuration.epochs = try parsed.integer("epochs", command: "nn train", in: 1...100_000) ?? configuration.epochs
    configuration.batchSize = try parsed.integer("batch-size", command: "nn train", in: 1...1_000_000) ?? configuration.batchSize
    configuration.learningRate = Float(
      try parsed.number("learning-rate", command: "nn train", in: 1e-9...10) ?? Double(configuration.learningRate))
    configuration.momentum = Float(
      try parsed.number("momentum", command: "nn train", in: 0...0.999) ?? Double(configuration.momentum))
    configuration.dropout = Float(try parsed.number("dropout", command: "nn train", in: 0...0.9) ?? 0)
    if let text = parsed.options["train-arithmetic"] {
      configuration.arithmetic = .uniform(try ArithmeticSpecification.parse(text, training: true), layers: network.layers.count)
    }
    let traceBatch = try parsed.integer("trace-batch", command: "nn train", in: 1...1_000_000) ?? 1
    let clock = ContinuousClock()
    let start = clock.now
    let epochs = configuration.epochs
    try DatasetLoading.wrap(datasetName) { () throws(NeuralEngineError) in
      try Trainer(configuration: configuration).train(&network, on: data.train) { summary in
        guard console.isInteractive else { return }
        console.err(
          String(
            format: "epoch %d/%d  loss %.4f  training accuracy %.2f%%\n", summary.epoch, epochs, summary.loss,
            summary.trainingAccuracy * 100))
      }
    }
    let elapsed = clock.now - start
    var context = EvaluationContext(seed: seed)
    let exact = try DatasetLoading.wrap(datasetName) { () throws(NeuralEngineError) in
      try network.evaluate(on: data.test, context: &context)
    }
    let statistics = try DatasetLoading.wrap(datasetName) { () throws(NeuralEngineError) in
      try OperandStatisticsCollector.measure(network, on: data.test)
    }
    let provenance = Provenance(
      source: "axsim nn train", dataset: data.train.name, seed: seed, epochs: epochs, testAccuracy: exact.accuracy, method: nil,
      parameters: [
        .init("learning_rate", Double(configuration.learningRate)), .init("batch_size", Double(configuration.batchSize)),
        .init("momentum", Double(configuration.momentum)), .init("dropout", Double(configuration.dropout)),
        .init("test_cross_entropy", exact.crossEntropy),
      ],
      note: "split 75/25 stratified (seed \(DatasetSplit.splitSeed)), \(data.normalization.rawValue) normalisation"
        + (parsed.options["train-arithmetic"].map { "; trained with \($0) in the forward pass" } ?? ""))
    let trace = TraceWriter.trace(
      for: network, arithmetic: configuration.arithmetic, statistics: statistics, batch: traceBatch, provenance: provenance)
    try console.write(JSONWriter().string(trace.jsonValue), to: output)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    console.messages(whenResultGoesTo: output)(
      String(
        format:
          "trained %@ on %@ (%d train / %d test samples) for %d epochs in %.2f s (%.3f s per epoch)\ntest accuracy %.2f%%, cross-entropy %.4f\nwrote %@\n",
        name, data.train.name, data.train.samples, data.test.samples, epochs, seconds, seconds / Double(epochs),
        exact.accuracy * 100,
        exact.crossEntropy, output))
    return 0
  }

  static func evaluate(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "nn eval", valueOptions: ["arithmetic", "dataset", "runs", "seed", "format"])
    guard parsed.positionals.count == 1, let tracePath = parsed.positionals.first else {
      throw .usage("axsim nn eval: expected one trace written by axsim nn train")
    }
    let trace = try InputLoader.trace(tracePath)
    let network = try DatasetLoading.wrap(tracePath) { () throws(NeuralEngineError) in try Network(trace: trace) }
    guard let datasetName = parsed.options["dataset"] ?? trace.provenance.dataset else {
      throw .usage("axsim nn eval: the trace names no data set; pass --dataset NAME")
    }
    let data = try DatasetLoading.split(datasetName)
    let arithmetic =
      try parsed.options["arithmetic"].map { text throws(AxSimError) in
        NetworkArithmetic.uniform(try ArithmeticSpecification.parse(text, training: false), layers: network.layers.count)
      } ?? NetworkArithmetic(trace: trace)
    let runs = try parsed.integer("runs", command: "nn eval", in: 1...10_000) ?? 1
    let seed = UInt64(try parsed.integer("seed", command: "nn eval", in: 0...Int(Int32.max)) ?? 1)
    let format = try parsed.choice("format", command: "nn eval", in: ["text", "json"]) ?? "text"
    var results: [EvaluationMetrics] = []
    for run in 0..<runs {
      var context = EvaluationContext(seed: seed &+ UInt64(run))
      results.append(
        try DatasetLoading.wrap(tracePath) { () throws(NeuralEngineError) in
          try network.evaluate(on: data.test, arithmetic: arithmetic, context: &context)
        })
    }
    let accuracies = results.map(\.accuracy)
    let mean = accuracies.reduce(0, +) / Double(runs)
    let deviation = (accuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs)).squareRoot()
    let crossEntropy = results.map(\.crossEntropy).reduce(0, +) / Double(runs)
    let outputError = results.map(\.outputError).reduce(0, +) / Double(runs)
    let label = parsed.options["arithmetic"] ?? "the trace's arithmetic"
    if format == "json" {
      let value: JSONValue = [
        "network": .string(trace.name), "dataset": .string(data.test.name), "arithmetic": .string(label), "runs": .number(runs),
        "accuracy_mean": .number(mean), "accuracy_std": .number(deviation), "cross_entropy": .number(crossEntropy),
        "output_error": .number(outputError), "test_samples": .number(data.test.samples),
      ]
      console.out(JSONWriter().string(value))
    } else {
      console.out(
        String(
          format: "%@ on %@ (%d test samples) under %@: accuracy %.2f%%%@, cross-entropy %.4f, output error %.4f\n", trace.name,
          data.test.name, data.test.samples, label, mean * 100,
          runs > 1 ? String(format: " ± %.2f%% over %d runs", deviation * 100, runs) : "",
          crossEntropy, outputError))
    }
    return 0
  }
}
