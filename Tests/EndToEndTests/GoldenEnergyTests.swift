import AxJSON
import AxSimKit
import Foundation
import TestSupport
import Testing

/// Golden energy reports for the bundled configs and traces, checked through the very code
/// `axsim check` runs (invariants first, then field by field at the default tolerance).
///
/// To regenerate after a deliberate model or table change, run
/// `AXSIM_RECORD_GOLDENS=1 swift test --filter GoldenEnergyTests`; recording fails the run on
/// purpose, so a golden never changes silently. Then say in the commit which numbers moved.
@Suite struct GoldenEnergyTests {
  static let cases: [(config: String, trace: String, golden: String)] = [
    ("configs/qcnpe-16x16.json", "traces/mlp-784-128-128-10-b1.json", "qcnpe-16x16.mlp-784-128-128-10-b1.json"),
    ("configs/qcnpe-16x16.json", "traces/mlp-784-128-128-10-b64.json", "qcnpe-16x16.mlp-784-128-128-10-b64.json"),
    ("configs/qcnpe-16x16.json", "traces/lenet5.json", "qcnpe-16x16.lenet5.json"),
    ("configs/qcnpe-16x16.json", "traces/census-14-10-2.json", "qcnpe-16x16.census-14-10-2.json"),
    ("configs/qcnpe-16x16.json", "traces/cifar-mlp-3072-1024-10.json", "qcnpe-16x16.cifar-mlp-3072-1024-10.json"),
    ("configs/flexflow-16x16.json", "traces/lenet5.json", "flexflow-16x16.lenet5.json"),
    ("configs/gpu-si.json", "traces/mlp-784-500-500-10.json", "gpu-si.mlp-784-500-500-10.json"),
  ]

  @Test(arguments: cases.indices)
  func bundledRunsMatchTheirGoldens(index: Int) throws {
    let entry = Self.cases[index]
    let configuration = try InputLoader.configuration(RepositoryPaths.path(entry.config))
    let report = try RunCommand.report(configuration, tracePath: RepositoryPaths.path(entry.trace))
    let goldenPath = RepositoryPaths.path("Tests/EndToEndTests/Goldens/" + entry.golden)
    if ProcessInfo.processInfo.environment["AXSIM_RECORD_GOLDENS"] == "1" {
      try FileSystem.write(report.jsonText, to: goldenPath)
      Issue.record("recorded \(goldenPath); rerun without AXSIM_RECORD_GOLDENS to check it")
      return
    }
    let golden = try InputLoader.json(goldenPath).value
    let comparison = GoldenComparison.compare(report: try JSONParser.parse(report.jsonText), golden: golden, check: GoldenCheck())
    // The same run in cycle fidelity must produce the same report, byte for byte, but for the
    // fidelity it names.
    var cycleConfiguration = configuration
    cycleConfiguration.fidelity = .cycle
    var cycleReport = try RunCommand.report(cycleConfiguration, tracePath: RepositoryPaths.path(entry.trace))
    #expect(cycleReport.fidelity == .cycle)
    #expect(cycleReport.provenance?.resolvedConfig["fidelity"] == .string("cycle"))
    cycleReport.fidelity = report.fidelity
    cycleReport.provenance = report.provenance
    #expect(cycleReport.jsonText == report.jsonText, "\(entry.trace): cycle and fast fidelity reports differ")
    #expect(
      comparison.passed,
      "\(comparison.summary(reportPath: entry.config + " on " + entry.trace, goldenPath: entry.golden, check: GoldenCheck()))")
  }
}
