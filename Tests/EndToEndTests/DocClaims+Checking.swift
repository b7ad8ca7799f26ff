import Foundation

extension DocClaims {
  /// A number as a doc writes it: its text, its value and the decimals it was rounded to.
  struct WrittenNumber: Equatable {
    var text: String
    var value: Double
    var decimals: Int

    /// Whether `value` rounds to this number at its written decimals (half a unit of the
    /// last written digit either way, so either rounding of an exact half passes).
    func agrees(with output: Double) -> Bool {
      let halfUnit = 0.5 * pow(10, Double(-decimals))
      return abs(output - value) <= halfUnit * (1 + 1e-9) + 1e-12
    }
  }

  /// Every number in `text` as written: an optional sign (`+`, `-`, `−`), digits with optional
  /// thousands commas, an optional fraction.
  static func numbers(in text: String) -> [WrittenNumber] {
    // A number starts the text or follows a character that is neither a word's nor a point.
    let pattern = /(?:^|[^\w.])(?<number>[+\-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)/
    return text.matches(of: pattern).compactMap { match in number(String(match.output.number)) }
  }

  /// `text` (one number as written) read as a value, or nil when it is not one.
  static func number(_ text: String) -> WrittenNumber? {
    let plain = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ",", with: "")
      .replacingOccurrences(of: "+", with: "")
    guard let value = Double(plain) else { return nil }
    let decimals = plain.split(separator: ".").dropFirst().first?.count ?? 0
    return WrittenNumber(text: text, value: value, decimals: decimals)
  }

  /// The doc's numbers at `locator` in a marker's block.
  static func written(_ locator: Locator, in marker: Marker) throws -> [WrittenNumber] {
    switch locator {
    case .cell(let row, let column, let index):
      guard marker.blockIsTable else { throw Malformed(description: "`row` needs a table after the marker") }
      guard let found = marker.block.first(where: { $0.text.contains(row) }) else {
        throw Malformed(description: "no table row contains `\(row)`")
      }
      let cells = tableCells(found.text)
      guard column <= cells.count else { throw Malformed(description: "row `\(row)` has \(cells.count) columns, not \(column)") }
      let values = numbers(in: cells[column - 1])
      guard let index else { return values }
      guard index <= values.count else {
        throw Malformed(description: "cell `\(cells[column - 1])` holds \(values.count) numbers, not \(index)")
      }
      return [values[index - 1]]
    case .block:
      throw Malformed(description: "`block` is compared line by line, not as numbers")
    case .text(let pattern):
      let text = marker.block.map(\.text).joined(separator: " ")
      let regex = try Regex(pattern)
      guard let match = text.firstMatch(of: regex) else { throw Malformed(description: "the text does not match `\(pattern)`") }
      return match.output.dropFirst().flatMap { capture in capture.substring.map { numbers(in: String($0)) } ?? [] }
    }
  }

  /// The cells of a Markdown table row (`\|` is a literal bar inside a cell).
  static func tableCells(_ row: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var previous: Character = " "
    for character in row {
      if character == "|" && previous != "\\" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    cells.append(current)
    // A row starts and ends with a bar: drop the empty text outside them.
    return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The values `extractor` takes from a command's standard output.
  static func extracted(_ extractor: Extractor, from output: String, in directory: String = ".") throws -> [Double] {
    switch extractor {
    case .regex(let pattern, let factors):
      let regex = try Regex(pattern)
      guard let match = output.firstMatch(of: regex) else {
        throw Malformed(description: "the output does not match `\(pattern)`")
      }
      return try match.output.dropFirst().enumerated().map { index, capture in
        guard let text = capture.substring, let value = number(String(text).trimmingCharacters(in: .whitespaces)) else {
          throw Malformed(description: "`\(pattern)` captured `\(capture.substring ?? "nothing")`, not a number")
        }
        return value.value * (factors.count == 1 ? factors[0] : index < factors.count ? factors[index] : 1)
      }
    case .json(let terms):
      guard let data = output.data(using: .utf8), let root = try? JSONSerialization.jsonObject(with: data) else {
        throw Malformed(description: "the output is not JSON")
      }
      return try terms.map { try value(of: $0, in: root) }
    case .output:
      throw Malformed(description: "`output` goes with `block`")
    case .csv(let file, let terms):
      let text: String
      if file == "-" {
        text = output
      } else {
        guard let contents = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else {
          throw Malformed(description: "the command wrote no `\(file)`")
        }
        text = contents
      }
      let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
      guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
        throw Malformed(description: "`\(file)` has no header line")
      }
      let rows: [[String: Any]] = lines.dropFirst().map { line in
        Dictionary(
          zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) as Any }),
          uniquingKeysWith: { first, _ in first })
      }
      return try terms.map { try value(of: $0, in: ["rows": rows]) }
    }
  }

  /// A term evaluated in `root`: paths and numbers joined by `+ - * /` and parentheses, each
  /// token separated by spaces (`( a.x + a.y ) / 256 * 100`).
  static func value(of term: String, in root: Any) throws -> Double {
    var tokens = term.split(separator: " ").map(String.init)[...]
    let value = try sum(&tokens, root: root, term: term)
    guard tokens.isEmpty else { throw Malformed(description: "`\(term)`: unexpected `\(tokens.joined(separator: " "))`") }
    return value
  }

  private static func sum(_ tokens: inout ArraySlice<String>, root: Any, term: String) throws -> Double {
    var value = try product(&tokens, root: root, term: term)
    while let next = tokens.first, next == "+" || next == "-" {
      tokens.removeFirst()
      let operand = try product(&tokens, root: root, term: term)
      value = next == "+" ? value + operand : value - operand
    }
    return value
  }

  private static func product(_ tokens: inout ArraySlice<String>, root: Any, term: String) throws -> Double {
    var value = try factor(&tokens, root: root, term: term)
    while let next = tokens.first, next == "*" || next == "/" {
      tokens.removeFirst()
      let operand = try factor(&tokens, root: root, term: term)
      value = next == "*" ? value * operand : value / operand
    }
    return value
  }

  private static func factor(_ tokens: inout ArraySlice<String>, root: Any, term: String) throws -> Double {
    guard let token = tokens.popFirst() else { throw Malformed(description: "`\(term)` ends early") }
    if token == "(" {
      let value = try sum(&tokens, root: root, term: term)
      guard tokens.popFirst() == ")" else { throw Malformed(description: "`\(term)`: a `(` without its `)`") }
      return value
    }
    return try Double(token) ?? lookUp(token, in: root)
  }

  /// The number at a dotted `path` (`a.b[2].c`, `a[id=x].c`, `a[k=x&l=y].c`) in `root`. A key
  /// may hold dots itself (a CSV column `energy_pj.ncu.multiplier`): the longest key the path
  /// continues with is taken.
  static func lookUp(_ path: String, in root: Any) throws -> Double {
    var node: Any = root
    var rest = Substring(path)
    while let first = rest.first {
      if first == "." {
        rest = rest.dropFirst()
        continue
      }
      if first == "[" {
        guard let close = rest.firstIndex(of: "]") else { throw Malformed(description: "`\(path)`: a `[` without its `]`") }
        let selector = String(rest[rest.index(after: rest.startIndex)..<close])
        rest = rest[rest.index(after: close)...]
        node = try element(selector, of: node, path: path)
        continue
      }
      let segment = rest[..<(rest.firstIndex(of: "[") ?? rest.endIndex)]
      let object = node as? [String: Any]
      var cut = segment.endIndex
      var next = object?[String(segment)]
      while next == nil, let dot = segment[..<cut].lastIndex(of: ".") {
        cut = dot
        next = object?[String(segment[..<cut])]
      }
      guard let next else {
        throw Malformed(description: "`\(path)`: no key `\(segment.prefix { $0 != "." })`")
      }
      node = next
      rest = rest[cut...]
    }
    if let number = node as? NSNumber { return number.doubleValue }
    if let text = node as? String, let value = number(text) { return value.value }
    throw Malformed(description: "`\(path)` is not a number")
  }

  /// The element of `node` (an array) that `selector` picks: an index, or `key=value` pairs
  /// joined by `&` (the first element matching them all).
  private static func element(_ selector: String, of node: Any, path: String) throws -> Any {
    guard let array = node as? [Any] else {
      throw Malformed(description: "`\(path)`: `[\(selector)]` applied to a non-array")
    }
    if let position = Int(selector) {
      guard array.indices.contains(position) else { throw Malformed(description: "`\(path)`: index \(position) out of range") }
      return array[position]
    }
    let pairs = selector.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
    guard pairs.allSatisfy({ $0.count == 2 }),
      let match = array.first(where: { element in
        pairs.allSatisfy { pair in
          guard let value = (element as? [String: Any])?[pair[0]] else { return false }
          return "\(value)" == pair[1]
        }
      })
    else { throw Malformed(description: "`\(path)`: no element with `\(selector)`") }
    return match
  }
}

extension DocClaims {
  /// One line per check of `marker` that the command's `output` contradicts: the doc file and
  /// line, the check, the number as written and the value the command gave.
  static func disagreements(_ marker: Marker, output: String, directory: String = ".") -> [String] {
    guard case .claim(let command, _) = marker.kind else { return [] }
    let shown = "`axsim \(command.joined(separator: " "))`"
    func what(_ check: Check) -> String { "`" + (check.source.components(separatedBy: " => ").first ?? check.source) + "`" }
    var lines: [String] = []
    for check in marker.checks where check.locator == .block {
      let shownInDoc = marker.block.filter { $0.text.hasPrefix("$ axsim ") }.map { String($0.text.dropFirst(2)) }
      if !shownInDoc.isEmpty, !shownInDoc.contains("axsim " + command.joined(separator: " ")) {
        lines.append("\(marker.file):\(check.line): the block does not show \(shown) as a `$` line")
      }
      lines += excerptDisagreements(marker, output: output).map { "\($0.file):\($0.line): \(shown): \($0.message)" }
    }
    for check in marker.checks where check.locator != .block {
      let place = "\(marker.file):\(check.line)"
      do {
        let written = try written(check.locator, in: marker)
        let values = try extracted(check.extractor, from: output, in: directory)
        guard written.count == values.count, !written.isEmpty else {
          lines.append(
            "\(place): \(shown) \(what(check)): the doc shows \(written.map(\.text)) but the command gives \(values.map(format))")
          continue
        }
        for (number, value) in zip(written, values) where !number.agrees(with: value) {
          let expected = String(format: "%.\(number.decimals)f", value)
          lines.append(
            "\(place): \(shown) \(what(check)): the doc says \(number.text), the command gives \(format(value)) (\(expected) at the doc's rounding)"
          )
        }
      } catch {
        lines.append("\(place): \(shown) \(what(check)): \(error)")
      }
    }
    return lines
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}

extension DocClaims {
  /// A line with its numbers replaced by `#` and its runs of spaces by one: what must match
  /// between an excerpt line and an output line whatever the numbers and column widths.
  static func shape(_ line: Substring) -> String {
    let masked = line.replacing(/(?<number>(?:^|[^\w.])[+\-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)/) { match in
      let text = String(match.output.number)
      let first = text.first.map { $0.isNumber || "+-−".contains($0) ? "" : String($0) } ?? ""
      return first + "#"
    }
    return masked.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  /// Where the code block after `marker` departs from `output`: a line missing (in order), or
  /// a number that the output's does not round to. When the block shows the claim's command as
  /// a `$ axsim …` line, only the lines after it up to the next `$` line are its output; `…`
  /// stands for lines left out, or for any text inside a line.
  static func excerptDisagreements(_ marker: Marker, output: String) -> [(file: String, line: Int, message: String)] {
    guard case .claim(let command, _) = marker.kind else { return [] }
    var excerpt = marker.block
    if let start = marker.block.firstIndex(where: { $0.text == "$ axsim " + command.joined(separator: " ") }) {
      let rest = marker.block[(start + 1)...]
      excerpt = Array(rest.prefix { !$0.text.hasPrefix("$ ") })
    }
    let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false)
    var cursor = outputLines.startIndex
    var found: [(file: String, line: Int, message: String)] = []
    for (line, text) in excerpt {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed == "…" || trimmed.hasPrefix("$ ") { continue }
      let wanted = shape(Substring(text))
      let pieces = wanted.components(separatedBy: "…")
      func matches(_ candidate: Substring) -> Bool {
        let have = shape(candidate)
        guard pieces.count > 1 else { return have == wanted }
        // `…` inside a line: the pieces appear in order, the first at the start.
        var rest = have[...]
        for (index, piece) in pieces.enumerated() {
          let piece = piece.trimmingCharacters(in: .whitespaces)
          if piece.isEmpty { continue }
          guard let range = rest.range(of: piece), index > 0 || range.lowerBound == rest.startIndex else { return false }
          rest = rest[range.upperBound...]
        }
        return true
      }
      guard let index = outputLines[cursor...].firstIndex(where: matches) else {
        found.append((marker.file, line, "`\(trimmed)` is not in the command's output (after the lines before it)"))
        continue
      }
      if pieces.count == 1 {
        for (number, value) in zip(numbers(in: text), numbers(in: String(outputLines[index])))
        where !number.agrees(with: value.value) {
          found.append(
            (marker.file, line, "the doc says \(number.text), the command prints \(value.text) in `\(outputLines[index])`"))
        }
      }
      cursor = outputLines.index(after: index)
    }
    return found
  }
}
