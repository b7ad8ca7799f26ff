import AxJSON
import QCNPE
import SimKernel
import Trace

/// `axsim run [CONFIG] [--trace FILE] [--fidelity cycle|fast] [--format text|json|csv]
/// [--output PATH] [--precision BITS] [--batch N] [--input-shape NAME=DIMS] [--precision-file FILE]
/// [--jobs N] [--stats]`.
public enum RunCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "run",
      valueOptions: Set(["trace", "fidelity", "format", "output", "precision", "plot", "vcd", "window", "timeline", "jobs"])
        .union(TraceInputOptions.optionNames),
      flags: ["stats"])
    guard parsed.positionals.count <= 1 else {
      throw .usage("axsim run: expected at most one config file, found \(parsed.positionals.count) arguments")
    }
    let format =
      try parsed.choice("format", command: "run", in: ["text", "json", "csv"] + ScaleSimReporter.Kind.allCases.map(\.rawValue))
      ?? "text"
    let scaleSimKind = ScaleSimReporter.Kind(rawValue: format)
    let fidelity = try parsed.choice("fidelity", command: "run", in: Fidelity.allCases.map(\.rawValue)).flatMap(Fidelity.init)
    let precision = try parsed.integer("precision", command: "run", in: 1...TraceLimits.maximumBits)
    let jobs = try parsed.integer("jobs", command: "run", in: 1...1024) ?? 1
    var configuration = try InputLoader.configuration(parsed.positionals.first ?? InputLoader.defaultConfigPath)
    if let fidelity { configuration.fidelity = fidelity }
    if let precision { configuration.precisionOverride = LayerPrecision(inputBits: precision, weightBits: precision) }
    guard let tracePath = parsed.options["trace"] ?? configuration.tracePath else {
      throw .usage("axsim run: no trace: pass --trace FILE or set \"trace\" in \(configuration.source)")
    }
    if case .qcnpe = configuration.hardware {
    } else {
      if scaleSimKind != nil {
        throw .usage(
          "axsim run: --format \(format) writes a SCALE-Sim report for a systolic array; the \(configuration.hardware.modelName) model is not one (use a qcnpe config)"
        )
      }
      if parsed.options["vcd"] != nil {
        throw .usage(
          "axsim run: --vcd records QCNPE's per-NCU signals; the \(configuration.hardware.modelName) model does not offer it yet")
      }
    }
    let window = try parsed.options["window"].map { text throws(AxSimError) in try parseWindow(text) }
    if window != nil, parsed.options["vcd"] == nil { throw .usage("axsim run: --window goes with --vcd FILE") }
    if parsed.options["vcd"] != nil {
      if fidelity == .fast { throw .usage("axsim run: --vcd records per-NCU signals, which needs --fidelity cycle") }
      configuration.fidelity = .cycle
    }
    let request = Simulation.ObservationRequest(
      folds: parsed.options["timeline"] != nil,
      waveformWindow: parsed.options["vcd"] == nil ? nil : window ?? 0...999)
    if let window = request.waveformWindow, case .qcnpe(let config) = configuration.hardware {
      let signals = QCNPEConfig.signalCount(rows: config.rows, cols: config.cols)
      let (samples, overflow) = Int(min(window.upperBound - window.lowerBound + 1, UInt64(Int.max))).multipliedReportingOverflow(
        by: signals)
      guard !overflow, samples <= 200_000_000 else {
        throw .usage(
          "axsim run: a \(window.upperBound - window.lowerBound + 1)-cycle window of \(signals) signals is too large for a VCD; narrow --window (at most 2×10^8 cycle-signals)"
        )
      }
    }
    let (table, tableDigest) = try InputLoader.loadEnergyTable(configuration.energyTablePath)
    let inputOptions = try TraceInputOptions.parse(parsed, command: "run")
    try inputOptions.check(against: configuration)
    let (trace, traceDigest) = try InputLoader.loadTrace(tracePath, options: inputOptions)
    let clock = ContinuousClock()
    let started = clock.now
    let progress = RunProgress()
    let progressLine = RunProgressLine(
      progress: progress, console: console, label: "axsim run: \(trace.name) on \(configuration.hardware.modelName)")
    let outcome = Result { () throws(AxSimError) in
      try Simulation.runObserved(
        configuration: configuration, trace: trace, tracePath: tracePath, energyTable: table, request: request, jobs: jobs,
        progress: progress)
    }
    progressLine.stop()
    var (report, observations) = try outcome.get()
    let elapsed = clock.now - started
    report.provenance = RunProvenance(
      configuration: configuration, trace: traceDigest, energyTable: tableDigest,
      options: parsed.options.filter { !outputOnlyOptions.contains($0.key) })
    let text: String
    switch format {
    case "json": text = report.jsonText
    case "csv": text = CSVReporter.render(report)
    default:
      if let scaleSimKind {
        guard scaleSimKind == .compute || report.hasMemory else {
          throw .usage(
            "axsim run: --format \(format) reports SCALE-Sim's SRAM and DRAM traffic; the config has no memory hierarchy (set qcnpe.ifmapSRAMWords, filterSRAMWords and ofmapSRAMWords, or the SRAM sizes of a .cfg)"
          )
        }
        text = try scaleSimReport(report, kind: scaleSimKind, configuration: configuration, trace: trace, tracePath: tracePath)
      } else {
        text = TextReporter.render(report)
      }
    }
    if let plot = parsed.options["plot"] { try FileSystem.write(ReportChart.svg(report), to: plot) }
    if let vcd = parsed.options["vcd"], let waveform = observations.waveform {
      try FileSystem.write(VCDWriter.render(waveform, title: "AxSim \(report.model) \(report.network)"), to: vcd)
    }
    if let timeline = parsed.options["timeline"] {
      let document: JSONValue
      if case .qcnpe(let config) = configuration.hardware {
        document = TimelineWriter.render(
          observations.result, folds: observations.folds, config: config,
          title: "AxSim \(report.model.uppercased()) \(config.rows)x\(config.cols) · \(report.network)")
      } else {
        document = TimelineWriter.render(observations.result, title: "AxSim \(report.model.uppercased()) · \(report.network)")
      }
      try FileSystem.write(JSONWriter(sortedKeys: true, pretty: false).string(document) + "\n", to: timeline)
    }
    try console.write(text, to: parsed.options["output"])
    if parsed.options["stats"] != nil {
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      console.err(RunStatistics.line(observations.result, seconds: seconds, jobs: jobs))
    }
    return 0
  }

  /// The run as one of SCALE-Sim's reports (QCNPE only; the caller checked the model).
  static func scaleSimReport(
    _ report: RunReport, kind: ScaleSimReporter.Kind, configuration: RunConfiguration, trace: NetworkTrace, tracePath: String
  ) throws(AxSimError) -> String {
    guard case .qcnpe(let config) = configuration.hardware else { return "" }
    do {
      return ScaleSimReporter.render(
        report, plans: try QCNPEMapper.plan(configuration.applyingOverrides(to: trace), on: config), kind: kind)
    } catch {
      throw .input(file: tracePath, message: error.description)
    }
  }

  /// Options that choose only where or how results are written (or how fast they are
  /// computed), never what they are: left out of a report's provenance.
  static let outputOnlyOptions: Set<String> = ["format", "output", "plot", "vcd", "window", "timeline", "jobs", "stats"]

  /// Parses `FROM:TO` (inclusive cycles).
  static func parseWindow(_ text: String) throws(AxSimError) -> ClosedRange<UInt64> {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let from = UInt64(parts[0]), let to = UInt64(parts[1]), from <= to else {
      throw .usage("axsim run: --window expects FROM:TO with FROM ≤ TO (cycles), found \"\(text)\"")
    }
    return from...to
  }

  /// Loads the trace and energy table of `configuration` and simulates: the path `axsim run`,
  /// the golden tests and the benchmark share.
  public static func report(_ configuration: RunConfiguration, tracePath: String) throws(AxSimError) -> RunReport {
    let (table, tableDigest) = try InputLoader.loadEnergyTable(configuration.energyTablePath)
    let (trace, traceDigest) = try InputLoader.loadTrace(tracePath)
    var report = try Simulation.run(configuration: configuration, trace: trace, tracePath: tracePath, energyTable: table)
    report.provenance = RunProvenance(configuration: configuration, trace: traceDigest, energyTable: tableDigest)
    return report
  }
}
