import AxSimKit
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
