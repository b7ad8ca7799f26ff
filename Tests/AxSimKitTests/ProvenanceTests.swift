import AxJSON
import AxSimKit
import Foundation
import SimKernel
import TestSupport
import Testing

/// Reports say what produced them, and `diff` and `check` say it before any number.
@Suite struct ProvenanceTests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func sha256MatchesTheFIPSExamples(message: String, digest: String) {
    #expect(SHA256Digest.hex(Array(message.utf8)) == digest)
  }

  @Test func sha256HandlesEveryPaddingBoundary() {
    // 55, 56 and 64 bytes straddle the one-block/two-block padding boundary.
    let expected = [
      55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
      56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
      64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
    ]
    for (length, digest) in expected {
      #expect(SHA256Digest.hex([UInt8](repeating: UInt8(ascii: "a"), count: length)) == digest, "length \(length)")
    }
  }

  static func run(_ extra: [String]) throws -> (path: String, text: String) {
    let path =
      NSTemporaryDirectory() + "axsim-prov-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json"
    let capture = Capture()
    #expect(CommandLineTool.main(["run", "--format", "json", "--output", path] + extra, console: capture.console) == 0)
    return (path, try String(contentsOfFile: path, encoding: .utf8))
  }

  @Test func aJSONReportRecordsBuildConfigOptionsAndDigests() throws {
    let (path, text) = try Self.run(["--precision", "8"])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let report = try JSONParser.parse(text)
    let provenance = try #require(report["provenance"])
    #expect(provenance["axsim_version"] == .string(CommandLineTool.version))
    #expect(provenance["overrides"]?["--precision"] == .string("8"))
    #expect(provenance["resolved_config"]?["qcnpe"]?["fifoDepth"] == .integer(32), "defaults are resolved")
    #expect(provenance["resolved_config"]?["precision"]?["weight_bits"] == .integer(8))
    let table = try RepositoryPaths.bytes("configs/energy/qcnpe-45nm.json")
    #expect(provenance["energy_table"]?["sha256"] == .string(SHA256Digest.hex(table)))
    #expect(report["version"] == .integer(2))
  }

  @Test func theSameRunGivesTheSameBytes() throws {
    let first = try Self.run([])
    let second = try Self.run(["--fidelity", "fast"])
    defer {
      try? FileManager.default.removeItem(atPath: first.path)
      try? FileManager.default.removeItem(atPath: second.path)
    }
    let third = try Self.run([])
    #expect(first.text == third.text)
    #expect(first.text != second.text, "an option given is recorded even when it repeats the default")
  }

  @Test func diffListsThePrecisionOverrideBeforeAnyNumber() throws {
    let exact = try Self.run([])
    let eight = try Self.run(["--precision", "8"])
    defer {
      try? FileManager.default.removeItem(atPath: exact.path)
      try? FileManager.default.removeItem(atPath: eight.path)
    }
    let capture = Capture()
    #expect(CommandLineTool.main(["diff", exact.path, eight.path], console: capture.console) == 0)
    let lines = capture.out.split(separator: "\n").map(String.init)
    let settings = try #require(lines.firstIndex(of: "produced differently:"))
    let totals = try #require(lines.firstIndex { $0.hasPrefix("total ") })
    #expect(settings < totals)
    let listed = lines[(settings + 1)..<totals].joined(separator: "\n")
    #expect(listed.contains("option.--precision: (absent) in A, \"8\" in B"))
    #expect(listed.contains("config.precision: null in A"))
  }

  @Test func checkExplainsAGoldenProducedDifferentlyFirst() throws {
    let exact = try Self.run([])
    let eight = try Self.run(["--precision", "8"])
    defer {
      try? FileManager.default.removeItem(atPath: exact.path)
      try? FileManager.default.removeItem(atPath: eight.path)
    }
    let capture = Capture()
    #expect(CommandLineTool.main(["check", eight.path, "--golden", exact.path], console: capture.console) == 1)
    let lines = capture.out.split(separator: "\n")
    #expect(lines.first?.hasPrefix("produced differently: ") == true, "\(capture.out.prefix(300))")
    let firstNumber = try #require(lines.firstIndex { $0.hasPrefix("differs: ") })
    #expect(lines[..<firstNumber].allSatisfy { $0.hasPrefix("produced differently: ") })
  }

  @Test(arguments: [
    (["check", "configs/qcnpe-16x16.json", "--golden", "configs/qcnpe-16x16.json"], "looks like a run config"),
    (["diff", "traces/lenet5.json", "traces/lenet5.json"], "looks like a network trace"),
    (["check", "configs/energy/qcnpe-45nm.json", "--golden", "x.json"], "looks like an energy table"),
    (["diff", "configs/sweeps/qcnpe-array-sizes.json", "x.json"], "looks like a sweep config"),
    (["diff", "traces/scalesim/alexnet.csv", "x.json"], "is a CSV file"),
  ])
  func checkAndDiffRefuseWhatIsNotAReport(arguments: [String], fragment: String) {
    let capture = Capture()
    let resolved = arguments.map { $0.contains("/") && !$0.hasPrefix("x") ? RepositoryPaths.path($0) : $0 }
    #expect(CommandLineTool.main(resolved, console: capture.console) == 2)
    #expect(capture.err.contains(fragment), "\(capture.err)")
    #expect(capture.err.split(separator: "\n").count == 1)
    #expect(capture.out.isEmpty)
  }

  @Test func theTextReportScalesItsUnits() {
    #expect(DisplayUnit.forValue(2_345_601, among: DisplayUnit.energyUnits).formatWithSymbol(2_345_601) == "2.346 µJ")
    #expect(DisplayUnit.forValue(58_110, among: DisplayUnit.powerUnits).formatWithSymbol(58_110, decimals: 2) == "58.11 W")
    #expect(DisplayUnit.forValue(0, among: DisplayUnit.energyUnits).symbol == "pJ")
    let column = DisplayUnit.forColumn(maximum: 2_345_601, among: DisplayUnit.energyUnits)
    #expect(column.symbol == "nJ")
    #expect(column.format(2_345_601) == "2,345.601")
    #expect(column.format(-1_234_567_890) == "-1,234,567.890")
  }

  @Test(arguments: [(1000.0, "1ns", 1.0), (500, "1ns", 2), (800, "10ps", 125), (925, "1fs", 1_081_081), (3000, "1fs", 333_333)])
  func theVCDTimescaleFollowsTheClock(clockMHz: Double, timescale: String, unitsPerCycle: Double) {
    let chosen = VCDWriter.timescale(clockMHz: clockMHz)
    #expect(chosen.timescale == timescale)
    #expect(chosen.unitsPerCycle == unitsPerCycle)
  }
}

/// A long run's progress line counts what the models finish.
@Suite struct RunProgressTests {
  @Test(arguments: ["configs/qcnpe-16x16.json", "configs/flexflow-16x16.json", "configs/gpu-si.json"], [1, 2])
  func everyModelCountsEveryLayer(config: String, jobs: Int) throws {
    let configuration = try InputLoader.configuration(RepositoryPaths.path(config))
    let trace = try InputLoader.trace(RepositoryPaths.path("traces/lenet5.json"))
    let table = try InputLoader.energyTable(configuration.energyTablePath)
    let progress = RunProgress()
    _ = try Simulation.runObserved(
      configuration: configuration, trace: trace, tracePath: "lenet5.json", energyTable: table, request: .none, jobs: jobs,
      progress: progress)
    let (finished, total, _) = progress.snapshot
    #expect(total >= 1)
    #expect(finished == total, "\(config), \(jobs) jobs")
    if jobs == 1 { #expect(total == trace.layers.count) }
  }
}
