import AxJSON
import Foundation
import TestSupport
import Testing

/// The malformed-input corpus (Tests/EndToEndTests/BadInputs/cases.json): configs, energy
/// tables, traces, SCALE-Sim topologies, ONNX models and command lines a user could get wrong.
/// Each must end with exactly one line on standard error naming what is wrong, exit code 2,
/// nothing on standard output, no output file, and never a signal.
@Suite struct BadInputTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var arguments: [String]
    var expect: String
    var description: String { name }
  }

  static let directory = RepositoryPaths.path("Tests/EndToEndTests/BadInputs")

  static let cases: [Case] = {
    guard let text = try? RepositoryPaths.text("Tests/EndToEndTests/BadInputs/cases.json"),
      case .array(let entries)? = try? JSONParser.parse(text)
    else { return [] }
    return entries.compactMap { entry in
      guard case .string(let name) = entry["name"] ?? .null, case .string(let expect) = entry["expect"] ?? .null,
        case .array(let arguments) = entry["arguments"] ?? .null
      else { return nil }
      return Case(
        name: name, arguments: arguments.compactMap { if case .string(let text) = $0 { return text } else { return nil } },
        expect: expect)
    }
  }()

  @Test func theCorpusHasAtLeastFiftyCases() {
    #expect(Self.cases.count >= 50)
  }

  /// Malformed ONNX models (tools/make_bad_onnx_inputs.py): bytes that are not a ModelProto and
  /// models AxSim cannot import, each named by its node or byte offset.
  @Test func theCorpusHasAtLeastTwentyMalformedONNXCases() {
    #expect(Self.cases.filter { $0.name.hasPrefix("onnx ") }.count >= 20)
  }

  @Test(arguments: cases)
  func endsWithOneLineAndExitCode2(badInput: Case) throws {
    let output =
      NSTemporaryDirectory() + "axsim-bad-\(ProcessInfo.processInfo.processIdentifier)-\(abs(badInput.name.hashValue)).out"
    let arguments = badInput.arguments.map {
      $0.replacingOccurrences(of: "{dir}", with: Self.directory).replacingOccurrences(of: "{out}", with: output)
    }
    let outcome = try CommandRunner.run(arguments, in: Self.directory)
    #expect(!outcome.crashed, "\(badInput.name) crashed: \(outcome.stderr)")
    #expect(outcome.exitCode == 2, "\(badInput.name): exit \(outcome.exitCode): \(outcome.stderr)")
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(badInput.name): \(outcome.stderr)")
    #expect(outcome.stderr.contains(badInput.expect), "\(badInput.name): \(outcome.stderr)")
    #expect(outcome.stdout.isEmpty, "\(badInput.name) printed: \(outcome.stdout.prefix(200))")
    #expect(!FileManager.default.fileExists(atPath: output), "\(badInput.name) left an output file")
  }
}
