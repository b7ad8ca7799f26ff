/// A JSON document held in memory, with object keys in the order they were written.
///
/// AxSim reads every user file (configs, energy tables, traces, reports) through this type
/// rather than `JSONSerialization` so that it can name the exact key path of a bad value,
/// reject duplicate keys, and write reports whose bytes never depend on hashing order.
public enum JSONValue: Equatable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without a fraction or exponent that fits in 64 bits.
  case integer(Int64)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; members keep their written order.
  case object(JSONObject)

  /// The JSON type name a user would recognise in an error message.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .integer, .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The value as a `Double` when it is a number.
  public var doubleValue: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .double(let value): return value
    default: return nil
    }
  }

  /// The member named `key` when the value is an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }
}

/// A JSON object: members in written order, with unique keys.
public struct JSONObject: Equatable, Sendable {
  /// The members, in the order they were written or inserted.
  public private(set) var members: [(key: String, value: JSONValue)]

  /// An empty object.
  public init() { members = [] }

  /// An object with the given members; a later duplicate key replaces the earlier value.
  public init(_ members: [(String, JSONValue)]) {
    self.members = []
    for (key, value) in members { self[key] = value }
  }

  /// The keys in member order.
  public var keys: [String] { members.map(\.key) }

  /// The value stored for `key`, or nil.
  /// - Complexity: O(n) in the number of members; objects here are small.
  public subscript(key: String) -> JSONValue? {
    get { members.first(where: { $0.key == key })?.value }
    set {
      if let index = members.firstIndex(where: { $0.key == key }) {
        if let newValue { members[index].value = newValue } else { members.remove(at: index) }
      } else if let newValue {
        members.append((key, newValue))
      }
    }
  }

  /// Objects are equal when they hold the same keys with equal values, in any order: JSON
  /// objects are unordered, and a sorted rewrite of a document is the same document.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements))
  }
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
  /// A number value, written as an integer when it is integral and exactly representable.
  public static func number(_ value: Double) -> JSONValue {
    if value.isFinite, value == value.rounded(), abs(value) < 9.0e15 {
      return .integer(Int64(value))
    }
    return .double(value)
  }

  /// An integer number value.
  public static func number(_ value: Int) -> JSONValue { .integer(Int64(value)) }

  /// An integer number value.
  public static func number(_ value: UInt64) -> JSONValue {
    value <= UInt64(Int64.max) ? .integer(Int64(value)) : .double(Double(value))
  }
}
