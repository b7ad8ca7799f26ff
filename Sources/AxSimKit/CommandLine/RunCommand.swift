import AxJSON
import SimKernel
import Trace

/// `axsim run [CONFIG] [--trace FILE] [--fidelity cycle|fast] [--format text|json|csv]
/// [--output PATH] [--precision BITS]`.
public enum RunCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "run", valueOptions: ["trace", "fidelity", "format", "output", "precision"])
    guard parsed.positionals.count <= 1 else {
      throw .usage("axsim run: expected at most one config file, found \(parsed.positionals.count) arguments")
    }
    let format = try parsed.choice("format", command: "run", in: ["text", "json", "csv"]) ?? "text"
    let fidelity = try parsed.choice("fidelity", command: "run", in: Fidelity.allCases.map(\.rawValue)).flatMap(Fidelity.init)
    let precision = try parsed.integer("precision", command: "run", in: 1...TraceLimits.maximumBits)
    var configuration = try InputLoader.configuration(parsed.positionals.first ?? InputLoader.defaultConfigPath)
    if let fidelity { configuration.fidelity = fidelity }
    if let precision { configuration.precisionOverride = LayerPrecision(inputBits: precision, weightBits: precision) }
    guard let tracePath = parsed.options["trace"] ?? configuration.tracePath else {
      throw .usage("axsim run: no trace: pass --trace FILE or set \"trace\" in \(configuration.source)")
    }
    let report = try report(configuration, tracePath: tracePath)
    let text: String
    switch format {
    case "json": text = report.jsonText
    case "csv": text = CSVReporter.render(report)
    default: text = TextReporter.render(report)
    }
    if let output = parsed.options["output"] {
      try FileSystem.write(text, to: output)
    } else {
      console.out(text)
    }
    return 0
  }

  /// Loads the trace and energy table of `configuration` and simulates: the path `axsim run`,
  /// the golden tests and the benchmark share.
  public static func report(_ configuration: RunConfiguration, tracePath: String) throws(AxSimError) -> RunReport {
    let table = try InputLoader.energyTable(configuration.energyTablePath)
    let trace = try InputLoader.trace(tracePath)
    return try Simulation.run(configuration: configuration, trace: trace, tracePath: tracePath, energyTable: table)
  }
}
