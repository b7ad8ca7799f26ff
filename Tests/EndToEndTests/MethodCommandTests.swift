import Foundation
import TestSupport
import Testing

/// The papers' methods through `axsim nn`, priced on the hardware models, checked against the
/// acceptance criteria of issue "[step 3]" on real data.
@Suite(.serialized) struct MethodCommandTests {
  let directory: String = {
    let path = NSTemporaryDirectory() + "axsim-methods-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  struct Row {
    var method: String
    var setting: String
    var accuracy: Double
    var energy: Double
  }

  func rows(_ path: String) throws -> [Row] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
      // setting may be quoted and contain commas; method never does.
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let tail = fields.suffix(5)
      return Row(
        method: fields[0], setting: fields.dropFirst().dropLast(5).joined(separator: ","), accuracy: Double(tail[tail.startIndex]) ?? -1,
        energy: Double(tail[tail.startIndex + 3]) ?? -1)
    }
  }

  @Test(arguments: [("digits", "64-32-10"), ("breast_cancer", "30-64-64-2")])
  func axnnMeetsThePapersClaims(dataset: String, topology: String) throws {
    let output = directory + "/axnn-" + dataset
    let outcome = try CommandRunner.run(["nn", "axnn", "--dataset", dataset, "--topology", topology, "--output", output])
    #expect(outcome.exitCode == 0, "\(outcome.stderr)")
    let table = try rows(output + "/axnn.csv")
    let axnn = table.filter { $0.method == "axnn" }
    let noRetrain = table.filter { $0.method == "axnn without retraining" }
    let uniform = table.filter { $0.method == "uniform" }
    let exact = try #require(axnn.first)
    let final = try #require(axnn.last)
    // >= 1.14x QCNPE energy improvement at < 0.5 % accuracy loss (AxNN's headline range).
    #expect(final.energy <= 1 / 1.14, "normalised energy \(final.energy)")
    #expect(exact.accuracy - final.accuracy < 0.005, "accuracy \(exact.accuracy) -> \(final.accuracy)")
    // Better energy than uniform approximation at equal accuracy: the cheapest uniform setting
    // that keeps the same quality target costs more.
    let uniformMeetingTarget = uniform.filter { exact.accuracy - $0.accuracy < 0.005 }.map(\.energy).min() ?? 1
    #expect(final.energy < uniformMeetingTarget, "AxNN \(final.energy), uniform \(uniformMeetingTarget)")
    // Retraining gives equal or lower energy than no retraining at the same quality target.
    #expect(final.energy <= (noRetrain.last?.energy ?? 0) + 1e-12)
    #expect(FileManager.default.fileExists(atPath: output + "/axnn.svg"))
    let run = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--trace", output + "/axnn.json"])
    #expect(run.exitCode == 0, "the AxNN trace with per-neuron precision runs on QCNPE: \(run.stderr)")
  }
}
