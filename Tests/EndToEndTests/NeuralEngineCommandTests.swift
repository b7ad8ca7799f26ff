import AxJSON
import Foundation
import TestSupport
import Testing

/// `axsim nn` as a user runs it: train on bundled data, evaluate under approximations, and run
/// the written trace on QCNPE unchanged.
@Suite(.serialized) struct NeuralEngineCommandTests {
  let directory: String = {
    let path = NSTemporaryDirectory() + "axsim-nn-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  @Test func trainEvaluateAndSimulateTheTrace() throws {
    let trace = directory + "/iris.json"
    let train = try CommandRunner.run([
      "nn", "train", "--dataset", "iris", "--topology", "4-16-3", "--epochs", "40", "--output", trace,
    ])
    #expect(train.exitCode == 0, "\(train.stderr)")
    #expect(train.stdout.contains("test accuracy"))
    let document = try JSONParser.parse(try String(contentsOfFile: trace, encoding: .utf8))
    #expect(document["provenance"]?["dataset"] == "iris")
    guard case .array(let layers) = document["layers"] ?? .null else {
      Issue.record("no layers")
      return
    }
    #expect(layers.count == 2)
    #expect(layers.allSatisfy { $0["parameters"] != nil && $0["statistics"]?["canna_hit_rate"] != nil })
    let evaluate = try CommandRunner.run(["nn", "eval", trace, "--arithmetic", "fixed:8", "--format", "json"])
    #expect(evaluate.exitCode == 0, "\(evaluate.stderr)")
    let metrics = try JSONParser.parse(evaluate.stdout)
    #expect((metrics["accuracy_mean"]?.doubleValue ?? 0) > 0.85)
    let ntv = try CommandRunner.run(["nn", "eval", trace, "--arithmetic", "ntv:0.40", "--runs", "5"])
    #expect(ntv.exitCode == 0 && ntv.stdout.contains("over 5 runs"), "\(ntv.stderr)")
    let simulate = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--trace", trace, "--format", "json"])
    #expect(simulate.exitCode == 0, "\(simulate.stderr)")
    #expect(try JSONParser.parse(simulate.stdout)["network"] == "iris-4-16-3")
  }

  /// The bundled trace with measured operand activity is what its documented command writes
  /// (docs/trace-format.md, "Bundled traces"): training is deterministic, so a change that moves
  /// it shows here and the trace is regenerated with the same command.
  @Test func theBundledDigitsTraceIsWhatNNTrainWrites() throws {
    let trace = directory + "/digits-64-32-10-b64.json"
    let train = try CommandRunner.run([
      "nn", "train", "--dataset", "digits", "--topology", "64-32-10", "--seed", "1", "--trace-batch", "64", "--output", trace,
    ])
    #expect(train.exitCode == 0, "\(train.stderr)")
    let written = try String(contentsOfFile: trace, encoding: .utf8)
    let bundled = try RepositoryPaths.text("traces/digits-64-32-10-b64.json")
    #expect(written == bundled, "traces/digits-64-32-10-b64.json differs from what `axsim nn train` writes now")
  }

  @Test(arguments: [
    (["nn", "train", "--dataset", "mnist", "--topology", "4-3", "--output", "x.json"], "unknown data set \"mnist\""),
    (["nn", "train", "--dataset", "iris", "--topology", "5-3", "--output", "x.json"], "start the topology with 4"),
    (["nn", "train", "--dataset", "iris", "--topology", "4-8-2", "--output", "x.json"], "end the topology with 3"),
    (
      ["nn", "train", "--dataset", "iris", "--topology", "4-3", "--output", "x.json", "--train-arithmetic", "drum:99"],
      "expects an integer in 3...16"
    ),
    (["nn", "eval", "traces/lenet5.json"], "carries no parameters"),
    (["nn", "fly"], "unknown subcommand"),
  ])
  func badRequestsEndWithOneLine(arguments: [String], fragment: String) throws {
    let outcome = try CommandRunner.run(arguments, in: RepositoryPaths.root)
    #expect(outcome.exitCode == 2, "\(outcome.stderr)")
    #expect(outcome.stderr.contains(fragment), "\(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1)
  }
}
