import AxSimKit
import Foundation
import QCNPE
import TestSupport
import Testing

/// Docs that cannot rot: the README's example commands run, and the config reference in
/// docs/configs.md is the table the declarations generate.
@Suite(.serialized) struct DocumentationTests {
  @Test func readmeExamplesRun() throws {
    let readme = try RepositoryPaths.text("README.md")
    let directory = NSTemporaryDirectory() + "axsim-readme-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for entry in ["configs", "traces", "Tests"] {
      try? FileManager.default.createSymbolicLink(
        atPath: directory + "/" + entry, withDestinationPath: RepositoryPaths.path(entry))
    }
    // The JSON block after "where `my-qcnpe-64x64.json` is" is that file.
    let blocks = readme.components(separatedBy: "```")
    if let index = blocks.firstIndex(where: { $0.hasSuffix("where `my-qcnpe-64x64.json` is\n\n") }), index + 1 < blocks.count {
      let json = blocks[index + 1].drop { $0 != "\n" }
      _ = FileManager.default.createFile(atPath: directory + "/my-qcnpe-64x64.json", contents: Data(json.utf8))
    }
    // The README's `mkdir -p DIR` lines make the folders its examples write into.
    for line in readme.split(separator: "\n") where line.hasPrefix("mkdir -p ") {
      for folder in line.dropFirst("mkdir -p ".count).split(separator: " ") {
        try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
      }
    }
    // The README's Python line exports ResNet-18 to out/resnet18.onnx; the committed fixture,
    // exported the same way, stands in for it (the tests do not run PyTorch).
    if readme.contains("'out/resnet18.onnx'") {
      try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
      try? FileManager.default.removeItem(atPath: directory + "/out/resnet18.onnx")
      try FileManager.default.copyItem(
        atPath: RepositoryPaths.path("traces/onnx/resnet18.onnx"), toPath: directory + "/out/resnet18.onnx")
    }
    let commands = readme.split(separator: "\n").filter { $0.hasPrefix(".build/release/axsim ") }
    #expect(commands.count >= 6)
    for command in commands {
      let arguments = command.dropFirst(".build/release/axsim ".count).split(separator: " ").map(String.init)
      let outcome = try CommandRunner.run(arguments, in: directory)
      #expect(outcome.exitCode == 0, "\(command): \(outcome.stderr)\(outcome.stdout)")
    }
  }

  @Test func configReferenceMatchesTheDeclarations() throws {
    let docs = try RepositoryPaths.text("docs/configs.md")
    let tables = try #require(HelpTopics.text(for: "config")?.components(separatedBy: "| key | unit").dropFirst())
    #expect(tables.count >= 2, "one table per hardware model")
    for table in tables {
      let text = "| key | unit" + table.reversed().drop(while: \.isWhitespace).reversed()
      #expect(docs.contains(text), "docs/configs.md is out of date: paste `axsim help config`'s tables")
    }
  }
}
