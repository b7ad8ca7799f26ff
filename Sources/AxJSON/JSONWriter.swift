/// Writes a `JSONValue` as text whose bytes depend only on the value.
///
/// Object keys are written in sorted order when `sortedKeys` is set (reports always set it,
/// so output never depends on Swift's per-process hash seed). Numbers use Swift's shortest
/// round-trip representation, so a value read back is bit-identical to the one written.
public struct JSONWriter: Sendable {
  /// Whether object keys are sorted (by Unicode scalar order) instead of kept in member order.
  public var sortedKeys: Bool
  /// Whether to write one member per line with two-space indentation.
  public var pretty: Bool

  /// A writer; by default sorted and pretty, the form AxSim writes its reports in.
  public init(sortedKeys: Bool = true, pretty: Bool = true) {
    self.sortedKeys = sortedKeys
    self.pretty = pretty
  }

  /// The text of `value`, ending with a newline when pretty.
  public func string(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    if pretty { out += "\n" }
    return out
  }

  private func write(_ value: JSONValue, indent: Int, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .integer(let integer): out += String(integer)
    case .double(let double): out += JSONWriter.format(double)
    case .string(let text): JSONWriter.writeString(text, into: &out)
    case .array(let elements):
      if elements.isEmpty {
        out += "[]"
        return
      }
      let scalarsOnly = elements.allSatisfy { !$0.isContainer }
      if !pretty || scalarsOnly {
        out += "["
        for (position, element) in elements.enumerated() {
          if position > 0 { out += pretty ? ", " : "," }
          write(element, indent: indent, into: &out)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (position, element) in elements.enumerated() {
        out += String(repeating: "  ", count: indent + 1)
        write(element, indent: indent + 1, into: &out)
        out += position + 1 < elements.count ? ",\n" : "\n"
      }
      out += String(repeating: "  ", count: indent) + "]"
    case .object(let object):
      var members = object.members
      if sortedKeys { members.sort { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) } }
      if members.isEmpty {
        out += "{}"
        return
      }
      out += pretty ? "{\n" : "{"
      for (position, member) in members.enumerated() {
        if pretty { out += String(repeating: "  ", count: indent + 1) }
        JSONWriter.writeString(member.key, into: &out)
        out += pretty ? ": " : ":"
        write(member.value, indent: indent + 1, into: &out)
        if position + 1 < members.count { out += "," }
        if pretty { out += "\n" }
      }
      if pretty { out += String(repeating: "  ", count: indent) }
      out += "}"
    }
  }

  /// Formats a double as a JSON number; non-finite values (never produced by a correct model)
  /// become `null` rather than invalid JSON.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
  }

  static func writeString(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension JSONValue {
  fileprivate var isContainer: Bool {
    switch self {
    case .array, .object: return true
    default: return false
    }
  }
}
