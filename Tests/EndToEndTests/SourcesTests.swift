import Foundation
import TestSupport
import Testing

/// Every citation resolves inside the repository (docs/sources.md): no comment, doc, config or
/// energy-table `source` names notes that are not part of it, a repository path that does not
/// exist, or an anchor that no heading defines.
@Suite struct SourcesTests {
  var check = CitationCheck(root: RepositoryPaths.root)

  @Test mutating func everyCitationInTheRepositoryResolves() throws {
    var checked = 0
    for file in try Self.textFiles() {
      // Lossy: a bad-input fixture is deliberately not UTF-8.
      let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path(file))), as: UTF8.self)
      checked += 1
      for problem in check.problems(in: text, file: file, scope: Self.scope(of: file)) { Issue.record("\(problem)") }
    }
    #expect(checked > 200, "the walk found only \(checked) files")
  }

  /// Energy tables and primitive files cite a source by its key in brackets (`[cacti7]`);
  /// every key must be an entry of docs/sources.md.
  @Test func everySourceKeyOfTheEnergyTablesIsAnEntry() throws {
    let sources = try RepositoryPaths.text("docs/sources.md")
    let entries = Set(
      sources.split(separator: "\n").filter { $0.hasPrefix("## [") }.map { String($0.dropFirst(4).prefix { $0 != "]" }) })
    let folder = RepositoryPaths.path("configs/energy")
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 8)
    var cited = 0
    for file in files {
      let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      for match in text.matches(of: /\[([a-z][a-z0-9-]*[a-z0-9])\]/) {
        cited += 1
        #expect(entries.contains(String(match.1)), "configs/energy/\(file) cites [\(match.1)], which docs/sources.md does not list")
      }
    }
    #expect(cited > 50)
  }

  @Test func theSourcesPageIsAListOfAnchoredEntries() throws {
    let text = try RepositoryPaths.text("docs/sources.md")
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
    var keys: [String] = []
    for heading in headings {
      let key = heading.dropFirst(3)
      let isEntry =
        key.hasPrefix("[") && key.hasSuffix("]") && key.count > 2
        && key.dropFirst().dropLast().allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
      #expect(isEntry, "docs/sources.md: \"\(heading)\" is not an entry heading `## [key]` (lower case, digits, -)")
      keys.append(String(key.dropFirst().dropLast()))
    }
    #expect(Set(keys).count == keys.count, "docs/sources.md repeats a key")
    for key in ["horowitz2014", "axnn2014", "axtrain2018", "canna2018", "framnn2018", "flexflow2017", "multi2sim", "scalesim"] {
      #expect(keys.contains(key), "docs/sources.md has no [\(key)]")
    }
  }

  @Test mutating func theCheckFindsNotesOutsideTheRepository() {
    let lines = [
      "/// Occupancy (" + "hardware" + "-specs.md \u{A7}C.7).",
      "\"source\": \"CACTI 7 (" + "energy" + "-anchors.md section 0.2)\"",
      "see /work/shared/" + "des" + "ign/ARCHI" + "TECTURE" + ".md",
      "the issue stage (\u{A7}C.3, \u{A7}D)",
    ]
    for line in lines {
      let problems = check.problems(in: line, file: "Sources/X/Y.swift", scope: .outsideNotesOnly)
      #expect(!problems.isEmpty, "\(line)")
    }
    let paperSections = "CANNA \u{A7}III, \u{A7}V-D; AxNN \u{A7}5; docs/design.md; example_designs/x"
    #expect(check.problems(in: paperSections, file: "docs/x.md", scope: .everything).isEmpty)
  }

  @Test mutating func theCheckFindsMissingPathsAndAnchors() {
    let missing = [
      "/// see docs/waveforms-that-never-were.md", "(docs/sources.md#no-such-entry)", "configs/sweeps/nothing.json",
      "[chart](images/none.png)", "[page](qcnpe.md#no-such-heading)", "traces/none/*.csv",
    ]
    for text in missing {
      #expect(check.problems(in: text, file: "docs/commands.md", scope: .everything).count == 1, "\(text)")
    }
    let present = [
      "docs/sources.md#multi2sim).", "`configs/energy/qcnpe-45nm.json`,", "Tests/NeuralEngineTests/FramNNTests",
      "traces/scalesim/*.csv", "[reports](reports.md#checking-against-a-golden)", "../traces/lenet5.json",
      "scalesim-project/scale-sim-v3:configs/scale.cfg", "PREFIX/share/axsim/configs/x", "[site](https://example.com/a b)",
      "configs/energy/{qcnpe-45nm,gpu-si-45nm}.json",
    ]
    for text in present {
      let problems = check.problems(in: text, file: "docs/commands.md", scope: .everything)
      #expect(problems.isEmpty, "\(text): \(problems)")
    }
    let testLiteral = "let outcome = try CommandRunner.run([\"run\", \"configs/missing.json\"])"
    #expect(check.problems(in: testLiteral, file: "Tests/EndToEndTests/X.swift", scope: .commentsOnly).isEmpty)
  }

  /// The repository's text files (not following links: Sources/AxSimKit/Embedded links to
  /// configs/ and traces/), repository-relative and sorted.
  static func textFiles() throws -> [String] {
    let fileManager = FileManager.default
    var files: [String] = []
    for topLevel in ["README.md", "CHANGELOG.md", "CITATION.cff", "Containerfile"]
    where fileManager.fileExists(atPath: RepositoryPaths.path(topLevel)) {
      files.append(topLevel)
    }
    let extensions: Set<String> = ["swift", "md", "json", "cfg", "py", "sh", "rst", "cff", "txt", "yml", "yaml"]
    for folder in CitationCheck.citedFolders {
      guard let walk = fileManager.enumerator(atPath: RepositoryPaths.path(folder)) else { continue }
      while let relative = walk.nextObject() as? String {
        let file = folder + "/" + relative
        let attributes = try fileManager.attributesOfItem(atPath: RepositoryPaths.path(file))
        guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
        if extensions.contains((file as NSString).pathExtension) { files.append(file) }
      }
    }
    return files.sorted()
  }

  /// How much of `file` is checked: bad-input fixtures and test code name missing files on
  /// purpose.
  static func scope(of file: String) -> CitationCheck.Scope {
    if file.hasPrefix("Tests/EndToEndTests/BadInputs/") { return .outsideNotesOnly }
    if file.hasPrefix("Tests/"), file.hasSuffix(".swift") { return .commentsOnly }
    return .everything
  }
}
