extension GraphWalker {
  /// The integer attribute `name`, or `fallback` when absent.
  func int(_ name: String, default fallback: Int64) throws(ONNXImportError) -> Int64 {
    guard let attribute = node.attribute(name) else { return fallback }
    guard case .int(let value) = attribute.value else { throw wrongKind(attribute, "an INT") }
    return value
  }

  /// The integer-list attribute `name`, or nil when absent.
  func ints(_ name: String) throws(ONNXImportError) -> [Int64]? {
    guard let attribute = node.attribute(name) else { return nil }
    switch attribute.value {
    case .ints(let values): return values
    case .int(let value): return [value]
    default: throw wrongKind(attribute, "INTS")
    }
  }

  /// The float attribute `name`, or nil when absent.
  func float(_ name: String) throws(ONNXImportError) -> Float? {
    guard let attribute = node.attribute(name) else { return nil }
    switch attribute.value {
    case .float(let value): return value
    case .int(let value): return Float(value)
    default: throw wrongKind(attribute, "a FLOAT")
    }
  }

  /// The string attribute `name`, or nil when absent.
  func string(_ name: String) throws(ONNXImportError) -> String? {
    guard let attribute = node.attribute(name) else { return nil }
    guard case .string(let value) = attribute.value else { throw wrongKind(attribute, "a STRING") }
    return value
  }

  /// `values` as sizes: each in `range`, `count` of them when given.
  func sizes(_ values: [Int64], _ what: String, count: Int? = nil, in range: ClosedRange<Int64>) throws(ONNXImportError) -> [Int]
  {
    if let count, values.count != count { throw fail("\(what) has \(values.count) values \(values); expected \(count)") }
    var result: [Int] = []
    for value in values {
      guard range.contains(value) else {
        throw fail("\(what) holds \(value); expected values in \(range.lowerBound)...\(range.upperBound)")
      }
      result.append(Int(value))
    }
    return result
  }

  /// The integer values of input `index`, which must be a known constant.
  func constantIntegers(_ index: Int, _ what: String) throws(ONNXImportError) -> [Int64] {
    let state = try input(index)
    guard let values = state.integers else {
      throw fail(
        "\(what) (input \(index), \"\(node.input(index) ?? "")\") must be a constant the file carries (an initializer, a Constant node or shape arithmetic on them); its values are unknown"
      )
    }
    return values
  }

  /// An axis in `-rank..<rank`, normalised to `0..<rank`; a scalar (rank 0) has none.
  func axis(_ value: Int64, rank: Int, _ what: String) throws(ONNXImportError) -> Int {
    guard rank >= 1 else { throw fail("\(what): the input is a scalar; expected a tensor with an axis \(value)") }
    guard value >= -Int64(rank), value < Int64(rank) else {
      throw fail("\(what) is \(value); expected an axis in \(-rank)...\(rank - 1) for rank \(rank)")
    }
    return value < 0 ? Int(value) + rank : Int(value)
  }

  private func wrongKind(_ attribute: ONNXAttribute, _ expected: String) -> ONNXImportError {
    fail("attribute \(attribute.name) has another type; expected \(expected)")
  }
}
