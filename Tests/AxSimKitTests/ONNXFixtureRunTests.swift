import AxSimKit
import Foundation
import TestSupport
import Testing
import Trace

/// The ONNX fixtures of traces/onnx on all three machines, in fast fidelity, through the path
/// `axsim run CONFIG --trace model.onnx` takes: every MAC of the imported trace is simulated
/// and priced, and the report keeps its invariants.
@Suite struct ONNXFixtureRunTests {
  static let models = ["resnet18", "mobilenet_v2", "transformer_encoder", "encoder_block"]

  static func run(_ config: String, _ model: String, options: TraceInputOptions = TraceInputOptions()) throws -> (
    RunReport, NetworkTrace
  ) {
    var configuration = try InputLoader.configuration(RepositoryPaths.path("configs/\(config)"))
    configuration.fidelity = .fast
    let path = RepositoryPaths.path("traces/onnx/\(model).onnx")
    let trace = try InputLoader.trace(path, options: options)
    let table = try InputLoader.energyTable(configuration.energyTablePath)
    return (try Simulation.run(configuration: configuration, trace: trace, tracePath: path, energyTable: table), trace)
  }

  static func check(_ report: RunReport, _ trace: NetworkTrace, _ label: String) {
    #expect(report.layers.count == trace.layers.count, "\(label)")
    #expect(report.totals.macCount == trace.layers.reduce(0) { $0 + $1.macCount }, "\(label)")
    for (line, layer) in zip(report.layers, trace.layers) {
      #expect(line.figures.macCount == layer.macCount, "\(label) \(layer.name)")
      // A pool FlexFlow fuses into the layer before it takes no cycles of its own.
      if layer.macCount > 0 { #expect(line.figures.cycles > 0, "\(label) \(layer.name)") }
    }
    #expect(report.totals.energyPJ > 0, "\(label)")
    #expect(
      ReportInvariants.violations(of: report.jsonValue).isEmpty, "\(label): \(ReportInvariants.violations(of: report.jsonValue))")
  }

  @Test(arguments: models)
  func fixturesRunOnQCNPEAndFlexFlow(model: String) throws {
    for config in ["qcnpe-64x64.json", "flexflow-16x16.json"] {
      let (report, trace) = try Self.run(config, model)
      Self.check(report, trace, "\(model) on \(config)")
    }
  }

  @Test(arguments: ["transformer_encoder", "encoder_block"])
  func transformerFixturesRunOnTheGPU(model: String) throws {
    let (report, trace) = try Self.run("gpu-si.json", model)
    Self.check(report, trace, "\(model) on the GPU")
  }

  /// The CNN fixtures on the GPU take minutes in a debug build (the compute units are
  /// simulated instruction by instruction: ResNet-18 is 1.8 × 10^9 MACs), so this runs only
  /// with AXSIM_LONG_TESTS=1; docs/import.md records a release-build run of each.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["AXSIM_LONG_TESTS"] == "1"), arguments: ["resnet18", "mobilenet_v2"])
  func convolutionalFixturesRunOnTheGPU(model: String) throws {
    let (report, trace) = try Self.run("gpu-si.json", model)
    Self.check(report, trace, "\(model) on the GPU")
  }

  @Test func batchScalesEveryMACLayerOnEveryMachine() throws {
    for config in ["qcnpe-16x16.json", "flexflow-16x16.json"] {
      let (one, _) = try Self.run(config, "encoder_block")
      let (three, _) = try Self.run(config, "encoder_block", options: TraceInputOptions(batch: 3))
      // Exported at batch 2: three samples do 3/2 the work of two.
      #expect(2 * three.totals.macCount == 3 * one.totals.macCount, "\(config)")
    }
  }
}
