import AxSimKit
import Foundation
import TestSupport
import Testing

/// SCALE-Sim's memory model, case by case: for every cfg and topology in
/// ScaleSimReference/memory-cases.json (real SCALE-Sim 3.0.0 runs over os, ws and is, CALC and
/// USER bandwidth, arrays and SRAM sizes small enough to refill and stall;
/// tools/scalesim/make_memory_reference.py regenerates it), `axsim run CFG --trace CSV` must
/// write SCALE-Sim's COMPUTE_REPORT, BANDWIDTH_REPORT and DETAILED_ACCESS_REPORT byte for byte.
@Suite struct ScaleSimMemoryAgreementTests {
  struct Case: Decodable {
    let name: String
    let cfg: String
    let topology: String
    let reports: [String: String]
  }

  struct Fixture: Decodable {
    let cases: [Case]
  }

  static let fixture: [Case] = {
    guard
      let data = try? Data(
        contentsOf: URL(fileURLWithPath: RepositoryPaths.path(ScaleSimInteropTests.reference + "/memory-cases.json"))),
      let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
    else { return [] }
    return fixture.cases
  }()

  /// The reports as `axsim run` writes them in `fidelity`, keyed like the fixture.
  static func axsimReports(_ entry: Case, fidelity: String) throws -> [String: String] {
    let directory = NSTemporaryDirectory() + "axsim-memory-\(ProcessInfo.processInfo.processIdentifier)-\(entry.name)-\(fidelity)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let cfg = directory + "/scale.cfg"
    let topology = directory + "/topology.csv"
    try entry.cfg.write(toFile: cfg, atomically: true, encoding: .utf8)
    try entry.topology.write(toFile: topology, atomically: true, encoding: .utf8)
    var reports: [String: String] = [:]
    for (name, format) in [
      ("COMPUTE_REPORT", "scalesim"), ("BANDWIDTH_REPORT", "scalesim-bandwidth"), ("DETAILED_ACCESS_REPORT", "scalesim-access"),
    ] {
      let capture = Capture()
      let status = CommandLineTool.main(
        ["run", cfg, "--trace", topology, "--format", format, "--fidelity", fidelity], console: capture.console)
      #expect(status == 0, "\(entry.name) \(format): \(capture.err)")
      reports[name] = capture.out
    }
    return reports
  }

  /// The rows of a SCALE-Sim report, without blank lines (its detailed access report starts
  /// with an empty line; ours does not).
  static func rows(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.isEmpty } }

  @Test func fixtureCoversEveryDataflowAndBandwidthMode() {
    #expect(Self.fixture.count >= 30)
    for dataflow in ["-os-", "-ws-", "-is-"] {
      for mode in ["calc", "user"] {
        #expect(Self.fixture.contains { $0.name.contains(dataflow + mode) }, "\(dataflow)\(mode)")
      }
    }
    // Stalls must occur, or the DRAM model would go untested.
    let stalled = Self.fixture.filter { entry in
      Self.rows(entry.reports["COMPUTE_REPORT"] ?? "").dropFirst().contains { row in
        row.split(separator: ",").dropFirst(3).first.map { $0.trimmingCharacters(in: .whitespaces) != "0" } ?? false
      }
    }
    #expect(stalled.count >= 5)
  }

  @Test func everyReportMatchesScaleSimsOwnInFastFidelity() throws {
    var mismatches: [String] = []
    for entry in Self.fixture {
      let ours = try Self.axsimReports(entry, fidelity: "fast")
      for (name, theirs) in entry.reports.sorted(by: { $0.key < $1.key }) where Self.rows(ours[name] ?? "") != Self.rows(theirs) {
        mismatches.append("\(entry.name) \(name):\n\(ours[name] ?? "")vs\n\(theirs)")
      }
    }
    #expect(
      mismatches.isEmpty, "\(mismatches.count) of \(Self.fixture.count * 3) reports differ; first: \(mismatches.first ?? "")")
  }

  /// Cycle fidelity steps every NCU; a quarter of the cases keep the test fast.
  @Test func computeReportsMatchInCycleFidelity() throws {
    var mismatches: [String] = []
    for entry in Self.fixture.enumerated().filter({ $0.offset % 4 == 0 }).map(\.element) {
      let ours = try Self.axsimReports(entry, fidelity: "cycle")
      for (name, theirs) in entry.reports.sorted(by: { $0.key < $1.key }) where Self.rows(ours[name] ?? "") != Self.rows(theirs) {
        mismatches.append("\(entry.name) \(name)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}
