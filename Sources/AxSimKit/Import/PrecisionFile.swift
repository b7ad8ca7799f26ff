import AxJSON
import Trace

/// Per-layer precision from a side file (`--precision-file layers.json`, docs/import.md):
/// rules that give the layers whose names match a pattern their input and weight bits.
///
/// ```json
/// {"format": "axsim-precision", "version": 1,
///  "layers": [{"match": "conv1", "input_bits": 8, "weight_bits": 8},
///             {"match": "layer4.*", "input_bits": 8, "weight_bits": 4}]}
/// ```
/// Each layer takes the first rule that matches it; layers no rule matches keep their
/// precision. A rule that matches no layer is an error (a misspelt name must not pass
/// silently).
public struct PrecisionFile: Equatable, Sendable {
  /// One rule.
  public struct Rule: Equatable, Sendable {
    /// A layer name, or a pattern with `*` (any run of characters) and `?` (one character).
    public var pattern: String
    /// The precision of the layers it matches.
    public var precision: LayerPrecision
  }

  /// The value of the `format` key.
  public static let formatName = "axsim-precision"

  /// The rules, in file order.
  public var rules: [Rule]
  /// The file the rules came from, for messages.
  public var file: String

  /// Reads a precision file.
  public init(json node: JSONNode, file: String) throws(JSONDecodeError) {
    var root = try node.object()
    let formatNode = try root.required("format")
    guard try formatNode.string() == PrecisionFile.formatName else {
      throw formatNode.error(expected: "\"\(PrecisionFile.formatName)\"")
    }
    _ = try root.required("version").int(in: 1...1)
    var rules: [Rule] = []
    for ruleNode in try root.required("layers").nonEmptyArray() {
      var rule = try ruleNode.object()
      let pattern = try rule.required("match").string()
      guard !pattern.isEmpty else { throw ruleNode.error("key match: expected a layer name or pattern, found an empty string") }
      let bits = 1...TraceLimits.maximumBits
      let precision = LayerPrecision(
        inputBits: try rule.required("input_bits").int(in: bits), weightBits: try rule.required("weight_bits").int(in: bits))
      try rule.rejectUnknownKeys()
      rules.append(Rule(pattern: pattern, precision: precision))
    }
    try root.rejectUnknownKeys()
    self.rules = rules
    self.file = file
  }

  /// `trace` with each matched layer's precision replaced.
  /// - Throws: `AxSimError` naming the first rule that matches no layer.
  public func apply(to trace: NetworkTrace) throws(AxSimError) -> NetworkTrace {
    var result = trace
    var used = Array(repeating: false, count: rules.count)
    for index in result.layers.indices {
      let name = result.layers[index].name
      guard let rule = rules.firstIndex(where: { PrecisionFile.matches(name, pattern: $0.pattern) }) else { continue }
      used[rule] = true
      result.layers[index].precision = rules[rule].precision
    }
    if let unused = used.firstIndex(of: false) {
      let names = trace.layers.prefix(8).map(\.name).joined(separator: ", ")
      throw .input(
        file: file,
        message:
          "key layers[\(unused)].match: \"\(rules[unused].pattern)\" matches no layer of \(trace.name) (layers: \(names)\(trace.layers.count > 8 ? ", …" : ""); `axsim import MODEL --format text` lists them)"
      )
    }
    return result
  }

  /// Whether `name` matches `pattern` (`*` any run, `?` one character, the rest literal).
  static func matches(_ name: String, pattern: String) -> Bool {
    let text = Array(name.unicodeScalars)
    let glob = Array(pattern.unicodeScalars)
    var t = 0
    var g = 0
    var star: Int?
    var resume = 0
    while t < text.count {
      if g < glob.count, glob[g] == "?" || (glob[g] != "*" && glob[g] == text[t]) {
        t += 1
        g += 1
      } else if g < glob.count, glob[g] == "*" {
        star = g
        resume = t
        g += 1
      } else if let star {
        g = star + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while g < glob.count, glob[g] == "*" { g += 1 }
    return g == glob.count
  }
}
