import Foundation

/// The claims, measurements and given numbers marked in one Markdown file (docs/claims.md
/// describes the format): HTML comments just before the table, paragraph or code block whose
/// numbers they account for.
struct DocClaims {
  /// What a marker says about the block after it.
  enum Kind: Equatable {
    /// Numbers produced by an `axsim` command; `slow` runs only with AXSIM_SLOW_CLAIMS=1.
    case claim(command: [String], slow: Bool)
    /// Machine-dependent numbers: when and where they were measured.
    case measurement(String)
    /// Numbers that are inputs, not outputs: a paper's figures, defaults, bounds, limits.
    case given(String)
    /// Numbers a named test of the suite computes, for which no `axsim` command exists yet.
    case tested(String)
  }

  /// Where in a claim's block the doc's number is.
  enum Locator: Equatable {
    /// The numbers of column `column` (1-based) of the first table row containing `row`;
    /// only the `index`-th (1-based) when given.
    case cell(row: String, column: Int, index: Int?)
    /// The capture groups of `pattern` matched against the block's text, lines joined by spaces.
    case text(pattern: String)
    /// Every line of the code block after the marker but its `$ axsim …` line and `…` lines:
    /// an excerpt of the command's output (`block => output`).
    case block
  }

  /// Where in a command's output the claimed value is.
  enum Extractor: Equatable {
    /// Terms over standard output parsed as JSON: dotted paths (`a.b[2]`, `a[id=x]`) and
    /// numbers joined by `+ - * /` and parentheses, tokens separated by spaces.
    case json([String])
    /// The capture groups of `pattern`'s first match in standard output, each multiplied by
    /// its factor (`re*100,1 REGEX`: the first capture × 100; one factor applies to all).
    case regex(String, factors: [Double])
    /// Terms as for `json` over a CSV file the command wrote (`-`: standard output), read as
    /// `rows`, one object per line below the header (lines starting `#` skipped): select a row
    /// with `rows[network=lenet5&qcnpe.rows=16]`.
    case csv(file: String, terms: [String])
    /// Standard output as text, for `block`: each excerpt line must appear in the output, in
    /// order, with the same words and the same numbers at the excerpt's rounding.
    case output
  }

  /// One number-to-output correspondence of a claim.
  struct Check: Equatable {
    var line: Int
    var locator: Locator
    var extractor: Extractor
    var source: String
  }

  /// One marker and the block it covers.
  struct Marker {
    var file: String
    var line: Int
    var kind: Kind
    /// Commands (without `axsim`) a claim's command needs run first, in order: `needs: axsim …`
    /// lines, e.g. the training that writes the trace an `axsim nn eval` claim reads.
    var needs: [[String]] = []
    /// The exit code the claim's command must end with (`exit: N`; default 0).
    var exitCode: Int32 = 0
    var checks: [Check]
    /// The covered block's lines (1-based line number, text); a fenced block's fences excluded.
    var block: [(line: Int, text: String)]
    var blockIsTable: Bool
  }

  /// A table in the file with the markers before it.
  struct Table {
    var line: Int
    var rows: [(line: Int, text: String)]
    var markers: [Kind]
  }

  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  var markers: [Marker] = []
  var tables: [Table] = []
  /// The fenced code blocks (their lines without the fences) with the markers before them.
  var fences: [Table] = []

  /// Parses `text`, the contents of repository file `file`.
  init(file: String, text: String) throws {
    let lines = text.components(separatedBy: "\n")
    var pending: [Marker] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("<!--") && Self.isMarker(trimmed) {
        var body = [(index + 1, line)]
        while !(body.last?.1.contains("-->") ?? true), index + 1 < lines.count {
          index += 1
          body.append((index + 1, lines[index]))
        }
        pending.append(try Self.marker(file: file, body: body))
        index += 1
        continue
      }
      if trimmed.isEmpty {
        index += 1
        continue
      }
      // The next block: a table, a fenced block or a paragraph.
      var block: [(line: Int, text: String)] = []
      var isTable = false
      if trimmed.hasPrefix("|") {
        isTable = true
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
          block.append((index + 1, lines[index]))
          index += 1
        }
        tables.append(Table(line: block[0].line, rows: block, markers: pending.map(\.kind)))
      } else if trimmed.hasPrefix("```") {
        let start = index + 1
        index += 1
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
          block.append((index + 1, lines[index]))
          index += 1
        }
        index += 1
        fences.append(Table(line: start, rows: block, markers: pending.map(\.kind)))
      } else {
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty,
          !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|"), !lines[index].hasPrefix("<!--"),
          !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```")
        {
          block.append((index + 1, lines[index]))
          index += 1
        }
      }
      for var marker in pending {
        marker.block = block
        marker.blockIsTable = isTable
        markers.append(marker)
      }
      pending = []
    }
    if let dangling = pending.first {
      throw Malformed(description: "\(file):\(dangling.line): a marker with no table, paragraph or code block after it")
    }
  }

  static func isMarker(_ line: String) -> Bool {
    let body = line.dropFirst(4).drop { $0 == " " }
    return ["claim", "measurement:", "given:", "tested:"].contains { body.hasPrefix($0) }
  }

  static func marker(file: String, body: [(Int, String)]) throws -> Marker {
    var texts = body.map(\.1)
    texts[0] = String(texts[0].trimmingCharacters(in: .whitespaces).dropFirst(4).drop { $0 == " " })
    if let last = texts.indices.last, let end = texts[last].range(of: "-->") {
      texts[last] = String(texts[last][..<end.lowerBound])
    }
    let line = body[0].0
    let head = texts[0].trimmingCharacters(in: .whitespaces)
    func fail(_ what: String) -> Malformed { Malformed(description: "\(file):\(line): \(what)") }
    if !head.hasPrefix("claim") {
      let note = texts.joined(separator: " ").drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
      guard !note.isEmpty else { throw fail("a `\(head.prefix { $0 != ":" })` marker needs a note saying what and why") }
      let kind: Kind =
        head.hasPrefix("given:") ? .given(note) : head.hasPrefix("tested:") ? .tested(note) : .measurement(note)
      return Marker(file: file, line: line, kind: kind, checks: [], block: [], blockIsTable: false)
    }
    let slow: Bool
    let commandText: Substring
    if head.hasPrefix("claim (slow):") {
      slow = true
      commandText = head.dropFirst("claim (slow):".count)
    } else if head.hasPrefix("claim:") {
      slow = false
      commandText = head.dropFirst("claim:".count)
    } else {
      throw fail("expected `<!-- claim: axsim …` or `<!-- claim (slow): axsim …`")
    }
    let command = commandText.split(separator: " ").map(String.init)
    guard command.first == "axsim", command.count > 1 else { throw fail("a claim's command starts with `axsim`") }
    var checks: [Check] = []
    var needs: [[String]] = []
    var exitCode: Int32 = 0
    for (offset, text) in texts.enumerated().dropFirst() {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("exit:") {
        guard let code = Int32(trimmed.dropFirst("exit:".count).trimmingCharacters(in: .whitespaces)) else {
          throw fail("expected `exit: N`")
        }
        exitCode = code
        continue
      }
      if trimmed.hasPrefix("needs:") {
        let words = trimmed.dropFirst("needs:".count).split(separator: " ").map(String.init)
        guard words.first == "axsim", words.count > 1 else { throw fail("a `needs:` command starts with `axsim`") }
        needs.append(Array(words.dropFirst()))
        continue
      }
      checks.append(try check(trimmed, line: body[offset].0, file: file))
    }
    guard !checks.isEmpty else { throw fail("a claim needs at least one `LOCATOR => EXTRACTOR` line") }
    return Marker(
      file: file, line: line, kind: .claim(command: Array(command.dropFirst()), slow: slow), needs: needs, exitCode: exitCode,
      checks: checks,
      block: [], blockIsTable: false)
  }

  static func check(_ text: String, line: Int, file: String) throws -> Check {
    func fail(_ what: String) -> Malformed { Malformed(description: "\(file):\(line): \(what): `\(text)`") }
    guard let arrow = text.range(of: " => ") else { throw fail("expected `LOCATOR => EXTRACTOR`") }
    let left = text[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
    let right = text[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
    let locator: Locator
    if left == "block" {
      guard right == "output" else { throw fail("`block` is checked with `=> output`") }
      return Check(line: line, locator: .block, extractor: .output, source: text)
    }
    if left.hasPrefix("text ") {
      locator = .text(pattern: String(left.dropFirst(5)))
    } else if left.hasPrefix("row "), let at = left.range(of: " @ ", options: .backwards) {
      let key = left[left.index(left.startIndex, offsetBy: 4)..<at.lowerBound].trimmingCharacters(in: .whitespaces)
      let position = left[at.upperBound...].split(separator: "#")
      guard let column = position.first.flatMap({ Int($0) }), column >= 1 else { throw fail("expected `row KEY @ COLUMN`") }
      var index: Int? = nil
      if position.count == 2 {
        guard let number = Int(position[1]), number >= 1 else { throw fail("expected `@ COLUMN#N`") }
        index = number
      }
      locator = .cell(row: key, column: column, index: index)
    } else {
      throw fail("a locator is `row KEY @ COLUMN[#N]` or `text REGEX`")
    }
    let extractor: Extractor
    if right.hasPrefix("json ") {
      extractor = .json(right.dropFirst(5).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    } else if right.hasPrefix("re ") {
      extractor = .regex(String(right.dropFirst(3)), factors: [1])
    } else if right.hasPrefix("re*"), let space = right.firstIndex(of: " ") {
      let factors = right[right.index(right.startIndex, offsetBy: 3)..<space].split(separator: ",").compactMap { Double($0) }
      guard !factors.isEmpty else { throw fail("expected `re*K[,K…] REGEX`") }
      extractor = .regex(String(right[right.index(after: space)...]), factors: factors)
    } else if right.hasPrefix("csv "), let space = right.dropFirst(4).firstIndex(of: " ") {
      let file = String(right.dropFirst(4)[..<space])
      extractor = .csv(file: file, terms: right[space...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    } else {
      throw fail("an extractor is `json TERM[, TERM…]`, `csv FILE TERM[, TERM…]` or `re REGEX`")
    }
    return Check(line: line, locator: locator, extractor: extractor, source: text)
  }
}
