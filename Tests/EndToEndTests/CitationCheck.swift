import Foundation

/// Finds citations in the repository's text that point nowhere: notes that never were part of
/// the repository, a repository path that does not exist, or a docs anchor that no heading
/// defines. docs/sources.md says how the project cites.
///
/// It searches each file's bytes with `memchr` and looks only at the hits, so that a debug
/// build checks the whole repository in well under a second.
struct CitationCheck {
  /// One citation that points nowhere.
  struct Problem: CustomStringConvertible, Equatable {
    /// The repository-relative file holding the citation.
    var file: String
    /// The 1-based line of the citation.
    var line: Int
    /// What is wrong, in words a contributor can act on.
    var message: String

    var description: String { "\(file):\(line): \(message)" }
  }

  /// How much of a file's text is checked.
  enum Scope {
    /// Every line: paths, anchors and references to notes outside the repository.
    case everything
    /// Only comment lines for paths and anchors (a test's string literals name missing files
    /// on purpose), but every line for references to notes outside the repository.
    case commentsOnly
    /// Only references to notes outside the repository (bad-input fixtures name missing files
    /// on purpose).
    case outsideNotesOnly
  }

  /// The top-level folders a cited repository path starts with.
  static let citedFolders = ["docs", "configs", "traces", "Sources", "Tests", "tools"]

  /// Names of the design notes AxSim was built from; they live outside the repository, so
  /// citing them leaves the reader nothing to open. Spelt in pieces so that this file does
  /// not cite them itself.
  static let outsideNotes = [
    "hardware" + "-specs", "energy" + "-anchors", "style" + "-anchors", "ARCHITECTURE" + ".md", "hardware" + " notes",
  ]

  /// The repository root.
  let root: String
  /// The heading anchors of each markdown file read so far.
  var anchorsByFile: [String: Set<String>] = [:]

  /// A check of the repository at `root`.
  init(root: String) { self.root = root }

  /// The problems in `text`, the contents of the repository file `file`.
  mutating func problems(in text: String, file: String, scope: Scope) -> [Problem] {
    let bytes = Array(text.utf8)
    var found: [(offset: Int, message: String)] = []
    for name in Self.outsideNotes {
      for offset in Self.occurrences(of: name, in: bytes) {
        found.append((offset, "cites \"\(name)\", notes outside the repository; cite docs/sources.md#key or a paper by name"))
      }
    }
    for offset in Self.occurrences(of: "design" + "/", in: bytes)
    where offset == 0 || !(Self.isWordByte(bytes[offset - 1]) || bytes[offset - 1] == UInt8(ascii: "-")) {
      found.append((offset, "cites a " + "design" + "/ folder, which is not in the repository; cite docs/sources.md#key"))
    }
    for offset in Self.occurrences(of: "\u{A7}", in: bytes) {
      let letter = offset + 2  // the section sign is two bytes in UTF-8
      guard letter < bytes.count, (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(bytes[letter]) else { continue }
      guard letter + 1 == bytes.count || !(Self.isWordByte(bytes[letter + 1]) || bytes[letter + 1] == UInt8(ascii: "-"))
      else { continue }
      let section = String(UnicodeScalar(bytes[letter]))
      found.append((offset, "cites section \(section) of notes outside the repository; cite docs/sources.md#key"))
    }
    if scope != .outsideNotesOnly {
      let directory = (file as NSString).deletingLastPathComponent
      for (offset, cited) in Self.repositoryPaths(in: bytes)
      where scope == .everything || Self.isInCommentLine(offset, bytes) {
        if let message = check(path: cited) { found.append((offset, message)) }
      }
      if file.hasSuffix(".md") {
        for (offset, target) in Self.markdownLinkTargets(in: bytes) {
          let resolved = target.hasPrefix("#") ? file + target : Self.normalise(directory + "/" + target)
          if let message = check(path: resolved, as: target) { found.append((offset, message)) }
        }
      }
    }
    return found.sorted { $0.offset < $1.offset }.map { hit in
      Problem(file: file, line: 1 + bytes[..<hit.offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count, message: hit.message)
    }
  }

  /// Why `path` (repository-relative, maybe with `#anchor`) points nowhere, or nil.
  mutating func check(path cited: String, as written: String? = nil) -> String? {
    let shown = written ?? cited
    let parts = cited.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    var path = String(parts[0])
    if let wildcard = path.firstIndex(where: { "*{".contains($0) }) {
      let prefix = String(path[..<wildcard])
      path = prefix.hasSuffix("/") ? String(prefix.dropLast()) : (prefix as NSString).deletingLastPathComponent
    }
    let fileManager = FileManager.default
    let full = root + "/" + path
    guard fileManager.fileExists(atPath: full) || fileManager.fileExists(atPath: full + ".swift") else {
      return "cites \(shown), which is not in the repository; cite a file that is, or docs/sources.md#key"
    }
    guard parts.count == 2, path.hasSuffix(".md") else { return nil }
    let anchor = String(parts[1])
    if anchorsByFile[path] == nil {
      guard let text = try? String(contentsOfFile: full, encoding: .utf8) else { return "cannot read \(path)" }
      anchorsByFile[path] = Self.headingAnchors(in: text)
    }
    guard anchorsByFile[path, default: []].contains(anchor) else {
      return "cites \(shown), but \(path) has no heading with anchor #\(anchor)"
    }
    return nil
  }

  /// The repository paths `bytes` cites, with their offsets: words starting with one of
  /// `citedFolders` and a slash, not inside a longer path (`../traces/x.json`,
  /// `owner/repo:configs/x.cfg` are not ours).
  static func repositoryPaths(in bytes: [UInt8]) -> [(offset: Int, path: String)] {
    var paths: [(offset: Int, path: String)] = []
    for folder in citedFolders {
      let prefixLength = folder.utf8.count + 1
      for start in occurrences(of: folder + "/", in: bytes)
      where start == 0 || !(isPathByte(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ":")) {
        var end = start + prefixLength
        var inBraces = false
        while end < bytes.count {
          let byte = bytes[end]
          if byte == UInt8(ascii: "{") { inBraces = true }
          if byte == UInt8(ascii: "}") { inBraces = false }
          guard isPathByte(byte) || "#*{}".utf8.contains(byte) || (inBraces && byte == UInt8(ascii: ",")) else { break }
          end += 1
        }
        var path = String(decoding: bytes[start..<end], as: UTF8.self)
        while let last = path.last, ".,;:)".contains(last) { path.removeLast() }
        if path.utf8.count > prefixLength { paths.append((start, path)) }
      }
    }
    return paths
  }

  /// The targets of markdown links and images in `bytes` that stay inside the repository.
  static func markdownLinkTargets(in bytes: [UInt8]) -> [(offset: Int, target: String)] {
    var targets: [(offset: Int, target: String)] = []
    for offset in occurrences(of: "](", in: bytes) {
      var end = offset + 2
      while end < bytes.count, !" )\n".utf8.contains(bytes[end]) { end += 1 }
      guard end < bytes.count, bytes[end] == UInt8(ascii: ")"), end > offset + 2 else { continue }
      let target = String(decoding: bytes[(offset + 2)..<end], as: UTF8.self)
      if target.contains("://") || target.hasPrefix("mailto:") { continue }
      targets.append((offset, target))
    }
    return targets
  }

  /// The anchors GitHub gives the headings of a markdown text: lower case, punctuation other
  /// than `-` and `_` dropped, spaces as `-`; headings inside fenced code do not count.
  static func headingAnchors(in text: String) -> Set<String> {
    var anchors: Set<String> = []
    var inFence = false
    for line in text.split(separator: "\n") {
      if line.hasPrefix("```") { inFence.toggle() }
      guard !inFence, line.hasPrefix("#") else { continue }
      let title = line.drop { $0 == "#" }
      guard title.first == " " else { continue }
      let slug = title.trimmingCharacters(in: .whitespaces).lowercased().compactMap { character -> Character? in
        if character == " " { return "-" }
        return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
      }
      anchors.insert(String(slug))
    }
    return anchors
  }

  /// The offsets of every occurrence of `pattern` in `bytes` (`memchr` for its first byte,
  /// then `memcmp`).
  static func occurrences(of pattern: String, in bytes: [UInt8]) -> [Int] {
    let needle = Array(pattern.utf8)
    var offsets: [Int] = []
    bytes.withUnsafeBytes { haystack in
      guard let base = haystack.baseAddress, let first = needle.first else { return }
      var start = 0
      while start + needle.count <= haystack.count,
        let hit = memchr(base + start, Int32(first), haystack.count - start - needle.count + 1)
      {
        let offset = base.distance(to: UnsafeRawPointer(hit))
        if memcmp(hit, needle, needle.count) == 0 { offsets.append(offset) }
        start = offset + 1
      }
    }
    return offsets
  }

  /// Whether the line holding `offset` is a `//` comment.
  static func isInCommentLine(_ offset: Int, _ bytes: [UInt8]) -> Bool {
    var start = offset
    while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    while start < offset, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
    return start + 1 < bytes.count && bytes[start] == UInt8(ascii: "/") && bytes[start + 1] == UInt8(ascii: "/")
  }

  /// `path` with `.` and `..` components resolved.
  static func normalise(_ path: String) -> String {
    var components: [Substring] = []
    for component in path.split(separator: "/") {
      if component == ".." { _ = components.popLast() } else if component != "." { components.append(component) }
    }
    return components.joined(separator: "/")
  }

  /// Whether `byte` is an ASCII letter, digit or underscore.
  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// Whether `byte` can continue a path: a word byte or one of `.-/+`.
  static func isPathByte(_ byte: UInt8) -> Bool { isWordByte(byte) || ".-/+".utf8.contains(byte) }
}
