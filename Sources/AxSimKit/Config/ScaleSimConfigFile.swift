import AxJSON
import Foundation

/// A SCALE-Sim configuration file (`scale.cfg`): INI sections of `key: value` or
/// `key = value` lines, read the way SCALE-Sim's Python `configparser` reads them (section
/// and key names case-insensitive, `#` and `;` start comment lines, surrounding blanks
/// trimmed), but strictly: a key outside its section's known set, a duplicate key or a line
/// that is neither a section, a key nor a comment is an error naming the line.
///
/// The known keys are those of SCALE-Sim v2 and v3.0.0 (`scalesim/scale_config.py`); what
/// each means for AxSim is in docs/scalesim.md.
struct ScaleSimConfigFile: Sendable {
  /// Keys by section, all lowercased, each with the 1-based line it was read from.
  private var values: [String: [String: (value: String, line: Int)]] = [:]
  /// The file, for error messages.
  let file: String

  /// The sections and keys SCALE-Sim reads, lowercased as `configparser` stores them.
  static let knownKeys: [String: [String]] = [
    "general": ["run_name"],
    "architecture_presets": [
      "arrayheight", "arraywidth", "ifmapsramszkb", "filtersramszkb", "ofmapsramszkb", "ifmapoffset", "filteroffset",
      "ofmapoffset", "bandwidth", "dataflow", "memorybanks", "readrequestbuffer", "writerequestbuffer",
    ],
    "layout": [
      "ifmapcustomlayout", "ifmapsrambankbandwidth", "ifmapsrambanknum", "ifmapsrambankport", "filtercustomlayout",
      "filtersrambankbandwidth", "filtersrambanknum", "filtersrambankport",
    ],
    "sparsity": ["sparsitysupport", "sparserep", "optimizedmapping", "blocksize", "randomnumbergeneratorseed", "nonzeroelems"],
    "run_presets": ["interfacebandwidth", "useramulatortrace"],
    "network_presets": ["topologycsvloc"],
  ]

  /// Parses `text`, read from `file`.
  init(text: String, file: String) throws(AxSimError) {
    self.file = file
    var section: String?
    for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let line = offset + 1
      let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
      if trimmed.hasPrefix("[") {
        guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
          throw .input(file: file, message: "line \(line): expected a section header like [architecture_presets]")
        }
        let name = trimmed.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).lowercased()
        guard ScaleSimConfigFile.knownKeys[name] != nil else {
          let known = ScaleSimConfigFile.knownKeys.keys.sorted()
          throw .input(
            file: file,
            message:
              "line \(line): unknown section [\(name)]\(NearestName.phrase(for: name, among: known)); SCALE-Sim reads \(known.map { "[\($0)]" }.joined(separator: ", "))"
          )
        }
        guard values[name] == nil else {
          throw .input(file: file, message: "line \(line): section [\(name)] appears twice")
        }
        values[name] = [:]
        section = name
        continue
      }
      guard let separator = trimmed.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
        throw .input(
          file: file, message: "line \(line): expected \"key: value\", a [section] or a # comment, found \"\(trimmed)\"")
      }
      guard let section else {
        throw .input(file: file, message: "line \(line): a key before any [section]")
      }
      let key = trimmed[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
      let value = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
      let known = ScaleSimConfigFile.knownKeys[section] ?? []
      guard known.contains(key) else {
        throw .input(
          file: file,
          message:
            "line \(line): unknown key \(key) in [\(section)]\(NearestName.phrase(for: key, among: known)); known keys: \(known.joined(separator: ", "))"
        )
      }
      guard values[section]?[key] == nil else {
        throw .input(file: file, message: "line \(line): key \(key) appears twice in [\(section)]")
      }
      values[section]?[key] = (value, line)
    }
  }

  /// The raw text of `key` in `section`, or nil when absent.
  func string(_ section: String, _ key: String) -> String? { values[section]?[key]?.value }

  /// The value of a key that must be present.
  func required(_ section: String, _ key: String) throws(AxSimError) -> String {
    guard let value = string(section, key) else {
      throw .input(file: file, message: "[\(section)] \(key): missing; SCALE-Sim requires it")
    }
    return value
  }

  /// An integer key within `range`, or nil when absent.
  func integer(_ section: String, _ key: String, in range: ClosedRange<Int>) throws(AxSimError) -> Int? {
    guard let entry = values[section]?[key] else { return nil }
    guard let value = Int(entry.value), range.contains(value) else {
      throw .input(
        file: file,
        message:
          "line \(entry.line): [\(section)] \(key): expected an integer in \(range.lowerBound)...\(range.upperBound), found \"\(entry.value)\""
      )
    }
    return value
  }

  /// A boolean key (`True`/`False`, any case), or nil when absent.
  func boolean(_ section: String, _ key: String) throws(AxSimError) -> Bool? {
    guard let entry = values[section]?[key] else { return nil }
    switch entry.value.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default:
      throw .input(
        file: file, message: "line \(entry.line): [\(section)] \(key): expected True or False, found \"\(entry.value)\"")
    }
  }

  /// The line a key was read from (0 when absent).
  func line(_ section: String, _ key: String) -> Int { values[section]?[key]?.line ?? 0 }
}
