import Foundation
import TestSupport
import Testing

/// The built `axsim`, run as a user runs it: what it prints, its exit code, and that a
/// failing run leaves no output file behind.
@Suite(.serialized) struct CommandLineTests {
  let scratch: String = {
    let path = NSTemporaryDirectory() + "axsim-e2e-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func write(_ name: String, _ text: String) -> String {
    let path = scratch + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  @Test func runWithNoArgumentsPrintsTheComponentTable() throws {
    let outcome = try CommandRunner.run(["run"], in: scratch)
    #expect(outcome.exitCode == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("component"))
    #expect(outcome.stdout.contains("ncu.multiplier"))
    #expect(outcome.stdout.contains("total"))
  }

  @Test func jsonReportsAreByteIdenticalAcrossRunsAndPassTheirGolden() throws {
    let first = scratch + "/first.json"
    let second = scratch + "/second.json"
    for path in [first, second] {
      let outcome = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--format", "json", "--output", path])
      #expect(outcome.exitCode == 0, "\(outcome.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    let check = try CommandRunner.run(
      ["check", first, "--golden", "Tests/EndToEndTests/Goldens/qcnpe-16x16.mlp-784-128-128-10-b1.json"])
    #expect(check.exitCode == 0, "\(check.stdout)\(check.stderr)")
  }

  @Test func checkExitsOneWithADiffWhenANumberMoved() throws {
    let golden = try RepositoryPaths.text("Tests/EndToEndTests/Goldens/qcnpe-16x16.mlp-784-128-128-10-b1.json")
    let moved = write("moved.json", golden.replacingOccurrences(of: "\"cycles\": 7988", with: "\"cycles\": 7989"))
    let outcome = try CommandRunner.run([
      "check", moved, "--golden", "Tests/EndToEndTests/Goldens/qcnpe-16x16.mlp-784-128-128-10-b1.json",
    ])
    #expect(outcome.exitCode == 1)
    #expect(outcome.stdout.contains("differs: totals.cycles: report 7989, golden 7988"))
  }

  @Test(arguments: [
    ("missing", "does-not-exist.json", "no such file"),
    ("malformed", #"{"model": "qcnpe", "energyTable": }"#, "malformed JSON at line 1"),
    ("unknown key", #"{"model": "qcnpe", "energyTable": "x.json", "qcnpe": {"rowz": 4}}"#, "key qcnpe.rowz: unknown key"),
    (
      "zero size", #"{"model": "qcnpe", "energyTable": "x.json", "qcnpe": {"rows": 0}}"#,
      "key qcnpe.rows: expected an integer in 1...2048, found 0"
    ),
    (
      "negative size", #"{"model": "qcnpe", "energyTable": "x.json", "qcnpe": {"cols": -16}}"#,
      "key qcnpe.cols: expected an integer in 1...2048, found -16"
    ),
    ("directory", "/", "is a directory"),
    ("binary", "\u{0}\u{1}\u{2}garbage", "malformed JSON"),
  ])
  func badConfigsEndWithOneLineAndExitCode2AndNoOutput(name: String, content: String, fragment: String) throws {
    let config: String
    if content == "does-not-exist.json" || content == "/" {
      config = content == "/" ? "/" : scratch + "/does-not-exist.json"
    } else {
      config = write(name.replacingOccurrences(of: " ", with: "-") + ".json", content)
    }
    let output = scratch + "/out-\(name.replacingOccurrences(of: " ", with: "-")).json"
    let outcome = try CommandRunner.run(["run", config, "--trace", "traces/lenet5.json", "--output", output])
    #expect(outcome.exitCode == 2, "\(name): \(outcome.stderr)")
    #expect(!outcome.crashed)
    #expect(outcome.stderr.contains(fragment), "\(name): \(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1, "\(name): \(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output), "\(name) left a partial output")
  }

  @Test func aTraceWithInconsistentShapesIsRejectedNamingTheLayer() throws {
    let trace = write(
      "inconsistent.json",
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "fc1", "op": "dense", "inputs": 784, "outputs": 128}, {"name": "fc2", "op": "dense", "inputs": 100, "outputs": 10}]}"#
    )
    let outcome = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--trace", trace])
    #expect(outcome.exitCode == 2)
    #expect(
      outcome.stderr.contains(
        "inconsistent.json: key layers[1]: layer \"fc2\" expects input 100x1x1 but \"fc1\" produces 128x1x1"))
  }

  @Test func runsSCALESimTopologiesDirectly() throws {
    let outcome = try CommandRunner.run([
      "run", "configs/qcnpe-16x16.json", "--trace", "traces/scalesim/alexnet.csv", "--format", "csv",
    ])
    #expect(outcome.exitCode == 0, "\(outcome.stderr)")
    // Five layers, a header and a total row after the provenance comment lines.
    #expect(outcome.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 5 + 2)
  }
}
