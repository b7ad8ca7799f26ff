import AxSimKit
import Foundation
import TestSupport
import Testing

/// The command line as a library call: output, exit codes and the one-line error funnel.
@Suite struct CommandLineToolTests {
  @Test func runWithoutArgumentsPrintsTheEmbeddedDefault() {
    let capture = Capture()
    #expect(CommandLineTool.main(["run"], console: capture.console) == 0)
    #expect(capture.out.contains("qcnpe-16x16.json (embedded)"))
    #expect(capture.out.contains("ncu.multiplier"))
    #expect(capture.err.isEmpty)
  }

  @Test(arguments: [
    (["run", "--format", "xml"], "--format expects one of text, json, csv"),
    (["run", "--frobnicate"], "unknown option --frobnicate"),
    (["run", "a.json", "b.json"], "at most one config"),
    (["frobnicate"], "unknown command"),
    (["check", "r.json"], "--golden GOLDEN is required"),
    (["run", "/nonexistent/config.json"], "/nonexistent/config.json: no such file"),
    (["run", "--precision", "0"], "--precision expects an integer in 1...32"),
    (["energy"], "expected derive or validate"),
    (["energy", "derive"], "expected one config file"),
    (["energy", "derive", "/nonexistent/config.json"], "/nonexistent/config.json: no such file"),
    (["energy", "validate", "--format", "xml"], "--format expects one of text, json"),
  ])
  func usageAndInputErrorsEndWithOneLineAndExitCode2(arguments: [String], fragment: String) {
    let capture = Capture()
    #expect(CommandLineTool.main(arguments, console: capture.console) == 2)
    #expect(capture.err.contains(fragment), "\(capture.err)")
    #expect(capture.err.split(separator: "\n").count == 1)
    #expect(capture.out.isEmpty)
  }

  @Test func helpCoversEveryTopic() {
    for topic in HelpTopics.topics {
      let capture = Capture()
      #expect(CommandLineTool.main(["help", topic], console: capture.console) == 0)
      #expect(!capture.out.isEmpty)
      let flag = Capture()
      if topic != "config" {
        #expect(CommandLineTool.main([topic, "--help"], console: flag.console) == 0)
        #expect(flag.out == capture.out)
      }
    }
  }
}

/// `--help` teaches by example, and the examples it gives work.
@Suite struct HelpExampleTests {
  @Test func everyCommandsHelpHasExamples() {
    for topic in HelpTopics.topics where topic != "config" {
      #expect(HelpTopics.text(for: topic)?.contains("EXAMPLES:") == true, "axsim help \(topic)")
    }
    #expect(HelpTopics.overview.contains("EXAMPLES:"))
  }

  /// The examples of `run`, `diff` and `check`, run as written (repository paths resolved,
  /// `out/` a temporary directory); the long-running ones (sweeps, training) are left to the
  /// README's own examples test.
  @Test(arguments: ["run", "diff", "check", "import"])
  func examplesRun(topic: String) throws {
    let out = NSTemporaryDirectory() + "axsim-help-\(ProcessInfo.processInfo.processIdentifier)-\(topic)"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: out) }
    let text = try #require(HelpTopics.text(for: topic))
    let examples =
      text.components(separatedBy: "EXAMPLES:\n").last?.split(separator: "\n")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("axsim ") } ?? []
    #expect(!examples.isEmpty)
    for example in examples {
      let arguments = example.split(separator: " ").dropFirst().map { word -> String in
        let word = String(word)
        if word.hasPrefix("out/") { return out + "/" + word.dropFirst(4) }
        if ["configs/", "traces/", "Tests/"].contains(where: word.hasPrefix) { return RepositoryPaths.path(word) }
        return word
      }
      let capture = Capture()
      #expect(CommandLineTool.main(arguments, console: capture.console) <= 1, "\(example): \(capture.err)")
      #expect(capture.err.isEmpty, "\(example): \(capture.err)")
    }
  }
}
