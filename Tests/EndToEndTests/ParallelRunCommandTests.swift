import Foundation
import TestSupport
import Testing

/// `axsim run --jobs N` gives the same report, byte for byte, as one thread; `--stats` adds one
/// line on standard error and changes nothing on standard output.
@Suite(.serialized) struct ParallelRunCommandTests {
  @Test(arguments: [
    ["configs/qcnpe-16x16.json", "--fidelity", "cycle"],
    ["configs/qcnpe-16x16.json", "--trace", "traces/lenet5.json"],
    ["configs/flexflow-16x16.json", "--fidelity", "cycle"],
    ["configs/gpu-si.json"],
  ])
  func jobsChangeNoByteOfTheReport(arguments: [String]) throws {
    let one = try CommandRunner.run(["run"] + arguments + ["--format", "json"])
    let two = try CommandRunner.run(["run"] + arguments + ["--format", "json", "--jobs", "2"])
    #expect(one.exitCode == 0, "\(one.stderr)")
    #expect(two.exitCode == 0, "\(two.stderr)")
    #expect(one.stdout == two.stdout, "\(arguments)")
  }

  @Test func statsPrintsCyclesPerSecondOnStandardError() throws {
    let plain = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--format", "json"])
    let stats = try CommandRunner.run(["run", "configs/qcnpe-16x16.json", "--format", "json", "--stats", "--jobs", "2"])
    #expect(stats.exitCode == 0, "\(stats.stderr)")
    #expect(stats.stdout == plain.stdout)
    let lines = stats.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(stats.stderr)")
    #expect(stats.stderr.hasPrefix("axsim: simulated 7988 cycles (2.04e+06 NCU-cycles) in "), "\(stats.stderr)")
    #expect(stats.stderr.contains(" s on 2 threads: ") && stats.stderr.contains(" NCU-cycles/s"), "\(stats.stderr)")
  }

  @Test func jobsMustBeAPositiveInteger() throws {
    let outcome = try CommandRunner.run(["run", "--jobs", "0"])
    #expect(outcome.exitCode == 2)
    #expect(outcome.stderr.contains("--jobs expects an integer in 1...1024, found \"0\""), "\(outcome.stderr)")
  }
}
