/// A small reader of Value Change Dump files, enough to check what AxSim writes: the header
/// (timescale, scopes, variables) and every value change in time order.
public struct VCDParser {
  /// One declared variable.
  public struct Variable: Equatable {
    /// Dotted scope (`qcnpe.ncu_r0_c0`).
    public var scope: String
    /// Its name.
    public var name: String
    /// Width in bits.
    public var width: Int
    /// Identifier code.
    public var code: String
  }

  /// The `$timescale` value, without spaces.
  public var timescale = ""
  /// Declared variables in order.
  public var variables: [Variable] = []
  /// Every `#time` in order.
  public var times: [UInt64] = []
  private var changesByCode: [String: [(time: UInt64, value: Int64)]] = [:]

  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  /// Parses `text`; throws on anything a VCD reader would reject.
  public init(text: String) throws {
    var scopes: [String] = []
    var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)[...]
    var definitionsEnded = false
    var time: UInt64 = 0
    while let token = tokens.popFirst() {
      if !definitionsEnded {
        switch token {
        case "$timescale":
          var value = ""
          while let part = tokens.popFirst(), part != "$end" { value += part }
          timescale = value
        case "$scope":
          _ = tokens.popFirst()
          guard let name = tokens.popFirst(), tokens.popFirst() == "$end" else { throw Malformed(description: "bad $scope") }
          scopes.append(name)
        case "$upscope":
          guard tokens.popFirst() == "$end", scopes.popLast() != nil else { throw Malformed(description: "bad $upscope") }
        case "$var":
          guard tokens.popFirst() != nil, let width = tokens.popFirst().flatMap({ Int($0) }), let code = tokens.popFirst(),
            let name = tokens.popFirst(), tokens.popFirst() == "$end"
          else { throw Malformed(description: "bad $var") }
          variables.append(Variable(scope: scopes.joined(separator: "."), name: name, width: width, code: code))
        case "$enddefinitions":
          guard tokens.popFirst() == "$end", scopes.isEmpty else { throw Malformed(description: "unbalanced scopes") }
          definitionsEnded = true
        case "$comment":
          while let part = tokens.popFirst(), part != "$end" {}
        default:
          throw Malformed(description: "unexpected \(token) in the header")
        }
        continue
      }
      if token.hasPrefix("#") {
        guard let value = UInt64(token.dropFirst()), value >= time || times.isEmpty else {
          throw Malformed(description: "bad time \(token)")
        }
        time = value
        times.append(value)
      } else if token.hasPrefix("b") {
        guard let code = tokens.popFirst(), let value = UInt64(token.dropFirst(), radix: 2) else {
          throw Malformed(description: "bad vector \(token)")
        }
        changesByCode[code, default: []].append((time, Int64(bitPattern: value)))
      } else if token.first == "0" || token.first == "1" {
        changesByCode[String(token.dropFirst()), default: []].append((time, token.first == "1" ? 1 : 0))
      } else {
        throw Malformed(description: "unexpected \(token)")
      }
    }
    guard definitionsEnded else { throw Malformed(description: "no $enddefinitions") }
    let codes = Set(variables.map(\.code))
    guard changesByCode.keys.allSatisfy(codes.contains) else { throw Malformed(description: "a change to an undeclared code") }
  }

  /// The identifier code of `name` in `scope`.
  public func identifier(scope: String, name: String) -> String? {
    variables.first { $0.scope == scope && $0.name == name }?.code
  }

  /// Every change of the variable with `code`, in time order.
  public func changes(of code: String) -> [(time: UInt64, value: Int64)] { changesByCode[code] ?? [] }
}
