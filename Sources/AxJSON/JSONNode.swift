/// A value inside a JSON document, together with where it sits: the file it came from and
/// its key path (`layers[2].precision.input_bits`).
///
/// Decoders read user files through nodes so that every error names the file, the key and
/// what was expected, which is the one line a user needs to fix the input.
public struct JSONNode: Sendable {
  /// The value at this position.
  public let value: JSONValue
  /// The key path from the document root, `$` for the root itself.
  public let path: String
  /// The file the document was read from, when it came from a file.
  public let file: String?

  /// The root node of a document.
  public init(root value: JSONValue, file: String?) {
    self.value = value
    self.path = "$"
    self.file = file
  }

  init(value: JSONValue, path: String, file: String?) {
    self.value = value
    self.path = path
    self.file = file
  }

  /// A decoding error at this node.
  public func error(expected: String) -> JSONDecodeError {
    JSONDecodeError(file: file, path: path, expected: expected, found: JSONNode.describe(value))
  }

  /// An error at this node with a free-form message (for cross-field checks).
  public func error(_ message: String) -> JSONDecodeError {
    JSONDecodeError(file: file, path: path, message: message)
  }

  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return String(flag)
    case .integer(let integer): return String(integer)
    case .double(let double): return JSONWriter.format(double)
    case .string(let text):
      let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      return "\"\(shown)\""
    case .array(let elements): return "an array of \(elements.count)"
    case .object: return "an object"
    }
  }

  /// The value as a string.
  public func string() throws(JSONDecodeError) -> String {
    guard case .string(let text) = value else { throw error(expected: "a string") }
    return text
  }

  /// The value as one of the listed strings.
  public func string(oneOf choices: [String]) throws(JSONDecodeError) -> String {
    let text = try string()
    guard choices.contains(text) else {
      throw error(expected: "one of " + choices.map { "\"\($0)\"" }.joined(separator: ", "))
    }
    return text
  }

  /// The value as a boolean.
  public func bool() throws(JSONDecodeError) -> Bool {
    guard case .bool(let flag) = value else { throw error(expected: "true or false") }
    return flag
  }

  /// The value as an integer within `range`.
  public func int(in range: ClosedRange<Int>) throws(JSONDecodeError) -> Int {
    let expected = "an integer in \(range.lowerBound)...\(range.upperBound)"
    switch value {
    case .integer(let integer):
      guard integer >= Int64(range.lowerBound), integer <= Int64(range.upperBound) else {
        throw error(expected: expected)
      }
      return Int(integer)
    case .double(let double) where double == double.rounded() && abs(double) < 9e15:
      let integer = Int(double)
      guard range.contains(integer) else { throw error(expected: expected) }
      return integer
    default:
      throw error(expected: expected)
    }
  }

  /// The value as a finite number within `range`.
  public func double(in range: ClosedRange<Double>) throws(JSONDecodeError) -> Double {
    guard let number = value.doubleValue, number.isFinite, range.contains(number) else {
      throw error(expected: "a number in \(JSONWriter.format(range.lowerBound))...\(JSONWriter.format(range.upperBound))")
    }
    return number
  }

  /// The elements of an array value, each a node with its index in the path.
  public func array() throws(JSONDecodeError) -> [JSONNode] {
    guard case .array(let elements) = value else { throw error(expected: "an array") }
    return elements.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]", file: file) }
  }

  /// The elements of a non-empty array value.
  public func nonEmptyArray() throws(JSONDecodeError) -> [JSONNode] {
    let elements = try array()
    guard !elements.isEmpty else { throw error(expected: "a non-empty array") }
    return elements
  }

  /// A reader over the members of an object value.
  public func object() throws(JSONDecodeError) -> JSONObjectReader {
    guard case .object(let object) = value else { throw error(expected: "an object") }
    return JSONObjectReader(object: object, node: self)
  }

  /// The node for member `key` (used by readers).
  func child(_ key: String, _ value: JSONValue) -> JSONNode {
    JSONNode(value: value, path: path == "$" ? key : "\(path).\(key)", file: file)
  }
}

/// Reads the members of one JSON object and, at the end, rejects any member nobody asked for,
/// so a misspelt key (`fifoDepht`) is an error rather than a silently ignored setting.
public struct JSONObjectReader: Sendable {
  /// The object being read.
  public let object: JSONObject
  /// The object's own node.
  public let node: JSONNode
  private var consumed: Set<String> = []

  init(object: JSONObject, node: JSONNode) {
    self.object = object
    self.node = node
  }

  /// Whether the object has a member named `key` (does not consume it).
  public func contains(_ key: String) -> Bool { object[key] != nil }

  /// The member `key`, which must be present.
  public mutating func required(_ key: String) throws(JSONDecodeError) -> JSONNode {
    consumed.insert(key)
    guard let value = object[key] else {
      throw JSONDecodeError(file: node.file, path: node.child(key, .null).path, message: "missing required key")
    }
    return node.child(key, value)
  }

  /// The member `key` when present and not null.
  public mutating func optional(_ key: String) -> JSONNode? {
    consumed.insert(key)
    guard let value = object[key], value != .null else { return nil }
    return node.child(key, value)
  }

  /// Throws for the first member that no `required` or `optional` call asked for.
  public func rejectUnknownKeys() throws(JSONDecodeError) {
    for key in object.keys where !consumed.contains(key) {
      let known = consumed.sorted()
      throw JSONDecodeError(
        file: node.file, path: node.child(key, .null).path,
        message: "unknown key\(NearestName.phrase(for: key, among: known)) (expected one of: \(known.joined(separator: ", ")))")
    }
  }
}

/// A value in a JSON document that is well-formed but not what AxSim expected.
public struct JSONDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file the document came from, if any.
  public var file: String?
  /// The key path of the bad value.
  public var path: String
  /// What was wrong, already phrased for a user.
  public var message: String

  /// An error with a free-form message.
  public init(file: String?, path: String, message: String) {
    self.file = file
    self.path = path
    self.message = message
  }

  /// An error saying what was expected and what was found.
  public init(file: String?, path: String, expected: String, found: String) {
    self.init(file: file, path: path, message: "expected \(expected), found \(found)")
  }

  public var description: String {
    (file.map { "\($0): " } ?? "") + "key \(path): \(message)"
  }
}
