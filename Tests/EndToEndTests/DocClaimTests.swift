import Foundation
import TestSupport
import Testing

/// Numbers in README.md and docs/*.md cannot drift: each claim's command is rerun and the
/// number as written (at the doc's rounding) must be what the command gives; every table with
/// numbers is a claim, a dated measurement, given input or a named test's output (docs/claims.md).
@Suite struct DocClaimTests {
  /// README.md and every page of docs/, in name order.
  static func documents() throws -> [(file: String, claims: DocClaims)] {
    let pages = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.path("docs"))
      .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    return try (["README.md"] + pages).map { file in (file, try DocClaims(file: file, text: RepositoryPaths.text(file))) }
  }

  /// Whether the slow claims (minutes each) run too.
  static let runSlowClaims = ProcessInfo.processInfo.environment["AXSIM_SLOW_CLAIMS"] == "1"
  /// Only the claims of this file (`AXSIM_CLAIMS_DOC=docs/methods.md`), to rerun one page.
  static let onlyDocument = ProcessInfo.processInfo.environment["AXSIM_CLAIMS_DOC"]

  @Test func everyClaimHoldsWhenItsCommandIsRerun() throws {
    let markers = try Self.documents().flatMap(\.claims.markers).filter { marker in
      guard case .claim(_, let slow) = marker.kind, Self.onlyDocument.map({ $0 == marker.file }) ?? true else { return false }
      return Self.runSlowClaims || !slow
    }
    #expect(markers.count >= (Self.onlyDocument == nil ? 20 : 1), "the docs' claims were not found")
    // Commands run in a scratch directory that sees the repository's inputs, so an `--output`
    // writes nowhere inside the repository.
    let directory = NSTemporaryDirectory() + "axsim-claims-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for entry in ["configs", "traces", "Tests", "Sources", "docs"] {
      try? FileManager.default.createSymbolicLink(
        atPath: directory + "/" + entry, withDestinationPath: RepositoryPaths.path(entry))
    }
    // Each command runs once; nil marks one that failed (reported once, its checks skipped).
    var outputs: [[String]: String?] = [:]
    var done: Set<[String]> = []
    for marker in markers {
      guard case .claim(let command, _) = marker.kind else { continue }
      for prerequisite in marker.needs where !done.contains(prerequisite) {
        let outcome = try CommandRunner.run(prerequisite, in: directory)
        if outcome.exitCode != 0 {
          Issue.record("\(marker.file):\(marker.line): `axsim \(prerequisite.joined(separator: " "))` failed: \(outcome.stderr)")
        }
        done.insert(prerequisite)
      }
      if outputs[command] == nil {
        let outcome = try CommandRunner.run(command, in: directory)
        if outcome.exitCode != marker.exitCode {
          Issue.record(
            "\(marker.file):\(marker.line): `axsim \(command.joined(separator: " "))` exited \(outcome.exitCode), not \(marker.exitCode): \(outcome.stderr)"
          )
        }
        outputs[command] = .some(outcome.exitCode == marker.exitCode ? outcome.stdout : nil)
      }
      guard let output = outputs[command] ?? nil else { continue }
      for line in DocClaims.disagreements(marker, output: output, directory: directory) { Issue.record(Comment(rawValue: line)) }
    }
  }

  @Test func everyTableWithNumbersIsClaimedMeasuredOrGiven() throws {
    for (file, claims) in try Self.documents() {
      for table in claims.tables where table.markers.isEmpty {
        // The header row and the |---| rule never carry a result; backquoted text is a name.
        let body = table.rows.dropFirst(2).map { $0.text.replacing(/`[^`]*`/, with: "") }
        guard body.contains(where: { $0.contains(where: \.isNumber) }) else { continue }
        Issue.record(
          "\(file):\(table.line): a table with numbers and no `<!-- claim: … -->`, `<!-- measurement: … -->`, `<!-- given: … -->` or `<!-- tested: … -->` before it (docs/claims.md)"
        )
      }
    }
  }

  @Test func everyExampleOutputIsClaimedOrMeasured() throws {
    for (file, claims) in try Self.documents() {
      for fence in claims.fences where fence.markers.isEmpty {
        // A block that shows `$ axsim …` and lines that are not commands shows an output.
        let lines = fence.rows.map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "…" }
        guard lines.first?.hasPrefix("$ axsim ") == true, lines.contains(where: { !$0.hasPrefix("$ ") }),
          lines.contains(where: { !$0.hasPrefix("$ ") && $0.contains(where: \.isNumber) })
        else { continue }
        Issue.record(
          "\(file):\(fence.line): an example output with numbers and no `<!-- claim: … block => output -->` or other marker before it (docs/claims.md)"
        )
      }
    }
  }

  @Test func aDriftedNumberFailsWithFileLineAndBothValues() throws {
    let doc = """
      Intro.

      <!-- claim: axsim energy validate --format json
        row LeNet-5 @ 2 => json figures[id=lenet].predicted, figures[id=lenet].error * 100
        text \\| (\\d+) / => re "predicted": ([\\d.]+)
      -->
      | network | predicted / error |
      |---|---|
      | LeNet-5 | 1290 / +39.1 % |

      """
    let claims = try DocClaims(file: "docs/x.md", text: doc)
    let marker = try #require(claims.markers.first)
    let json = #"{"figures": [{"id": "alex", "predicted": 1}, {"id": "lenet", "predicted": 1290.4, "error": 0.3914}]}"#
    #expect(
      DocClaims.disagreements(marker, output: json).count == 1,
      "the regex takes the first figure, AlexNet's, which is not the doc's")
    let drifted = #"{"figures": [{"id": "lenet", "predicted": 1291.2, "error": 0.3914}]}"#
    let lines = DocClaims.disagreements(marker, output: drifted)
    #expect(lines.contains { $0.hasPrefix("docs/x.md:4:") && $0.contains("says 1290") && $0.contains("gives 1291.2") })
    #expect(!lines.contains { $0.contains("+39.1") }, "39.14 rounds to the doc's 39.1")
    // A marker with nothing after it, or a check without its arrow, is an error, not a pass.
    #expect(throws: DocClaims.Malformed.self) {
      try DocClaims(file: "a.md", text: "<!-- claim: axsim run\n row a @ 1 -->\n| a |\n")
    }
    #expect(throws: DocClaims.Malformed.self) { try DocClaims(file: "a.md", text: "<!-- given: paper -->\n") }
  }

  @Test func anExampleOutputIsComparedLineByLine() throws {
    let doc = """
      <!-- claim: axsim run
        block => output -->
      ```
      $ axsim run
      cycles 7,988  energy 1.60 µJ
      …
      fc1  1,234  (…)
      ```

      """
    let marker = try #require(try DocClaims(file: "docs/y.md", text: doc).markers.first)
    let output = "header\ncycles 7,988  energy 1.6012 µJ\nfc0  5  (x)\nfc1   1,234  (anything here)\n"
    #expect(DocClaims.disagreements(marker, output: output).isEmpty, "column widths, `…` lines and `…` text are free")
    let drifted = output.replacingOccurrences(of: "1.6012", with: "1.6120")
    #expect(DocClaims.disagreements(marker, output: drifted) == ["docs/y.md:5: `axsim run`: the doc says 1.60, the command prints 1.6120 in `cycles 7,988  energy 1.6120 µJ`"])
    let missing = output.replacingOccurrences(of: "fc1", with: "fc9")
    #expect(DocClaims.disagreements(marker, output: missing).count == 1, "a line the output lacks")
  }

  @Test func aKeyWithDotsIsReadWhole() throws {
    let rows: [String: Any] = [
      "rows": [["network": "a", "energy_pj": 1.0, "energy_pj.ncu.multiplier": 2.0, "qcnpe": ["rows": 3.0]]]
    ]
    #expect(try DocClaims.lookUp("rows[network=a].energy_pj", in: rows) == 1)
    #expect(try DocClaims.lookUp("rows[network=a].energy_pj.ncu.multiplier", in: rows) == 2)
    #expect(try DocClaims.lookUp("rows[0].qcnpe.rows", in: rows) == 3)
    #expect(throws: DocClaims.Malformed.self) { try DocClaims.lookUp("rows[0].energy_pj.ncu.adder", in: rows) }
  }

  @Test func writtenNumbersKeepTheirRounding() throws {
    let numbers = DocClaims.numbers(in: "390,392 gates, −4.1 %, +0.562, 16×16, 2.52×, K1 and 1,2")
    #expect(numbers.map(\.value) == [390392, -4.1, 0.562, 16, 16, 2.52, 1, 2])
    #expect(numbers.map(\.decimals) == [0, 1, 3, 0, 0, 2, 0, 0])
    let rounded = try #require(DocClaims.number("637.4"))
    #expect(rounded.agrees(with: 637.35) && rounded.agrees(with: 637.45) && !rounded.agrees(with: 637.46))
  }
}
