import AxJSON

/// The `sweep` section of a config: the axes of a design-space sweep and what to chart.
///
/// ```json
/// "sweep": {
///   "axes": [
///     {"zip": [{"key": "qcnpe.rows", "values": [4, 8, 16]},
///              {"key": "qcnpe.cols", "values": [4, 8, 16]}]},
///     {"key": "trace", "values": ["../traces/lenet5.json", "../traces/mlp-784-128-128-10-b64.json"]},
///     {"key": "precision", "range": {"from": 4, "to": 16, "step": 4}}
///   ],
///   "metric": "energy_pj"
/// }
/// ```
/// Axes combine as a cartesian product, the first axis varying slowest; a `zip` group steps
/// its keys together (all its lists have one length). A key is a dotted path into the config
/// (`qcnpe.fifoDepth`, `trace`, `fidelity`); `precision` sets both input and weight bits.
public struct SweepSpecification: Equatable, Sendable {
  /// One axis: one key, or several keys stepped together.
  public struct Axis: Equatable, Sendable {
    /// The keys the axis sets, with one list of values each (all the same length).
    public var keys: [String]
    /// `values[i]` is the i-th setting of every key, in `keys` order.
    public var values: [[JSONValue]]

    /// The number of settings on the axis.
    public var count: Int { values.count }
  }

  /// The axes, slowest first.
  public var axes: [Axis]
  /// The report figure to chart (`energy_pj`, `cycles`, `power_mw`, `utilization`, `time_ns`,
  /// `stall_cycles`).
  public var metric: String
  /// The key along the chart's horizontal axis (default: the first key of the first axis).
  public var chartKey: String

  /// The figures a sweep can chart.
  public static let metrics = ["energy_pj", "cycles", "power_mw", "utilization", "time_ns", "stall_cycles"]
  /// The most points one sweep may have.
  public static let maximumPoints = 1_000_000

  /// Every key swept, in column order.
  public var keys: [String] { axes.flatMap(\.keys) }

  /// The number of points: the product of the axes' lengths.
  public var pointCount: Int { axes.reduce(1) { $0 * $1.count } }

  /// The settings of point `index`: each swept key with its value, in `keys` order.
  public func assignments(ofPoint index: Int) -> [(key: String, value: JSONValue)] {
    var remainder = index
    var positions = Array(repeating: 0, count: axes.count)
    for axisIndex in axes.indices.reversed() {
      positions[axisIndex] = remainder % axes[axisIndex].count
      remainder /= axes[axisIndex].count
    }
    var result: [(String, JSONValue)] = []
    for (axis, position) in zip(axes, positions) {
      for (key, value) in zip(axis.keys, axis.values[position]) { result.append((key, value)) }
    }
    return result
  }

  /// Reads a `sweep` section.
  public init(json node: JSONNode) throws(JSONDecodeError) {
    var reader = try node.object()
    var axes: [Axis] = []
    for axisNode in try reader.required("axes").nonEmptyArray() {
      var axisReader = try axisNode.object()
      if let group = axisReader.optional("zip") {
        var keys: [String] = []
        var columns: [[JSONValue]] = []
        for member in try group.nonEmptyArray() {
          var memberReader = try member.object()
          let (key, values) = try SweepSpecification.keyAndValues(&memberReader)
          try memberReader.rejectUnknownKeys()
          if let first = columns.first, first.count != values.count {
            throw member.error(
              "a zip group steps its keys together: \(key) has \(values.count) values, \(keys[0]) has \(first.count)")
          }
          keys.append(key)
          columns.append(values)
        }
        try axisReader.rejectUnknownKeys()
        axes.append(Axis(keys: keys, values: (0..<columns[0].count).map { row in columns.map { $0[row] } }))
      } else {
        let (key, values) = try SweepSpecification.keyAndValues(&axisReader)
        try axisReader.rejectUnknownKeys()
        axes.append(Axis(keys: [key], values: values.map { [$0] }))
      }
    }
    self.axes = axes
    let keys = axes.flatMap(\.keys)
    if let duplicate = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
      throw node.error("key axes: \(duplicate) is swept twice")
    }
    var count = 1
    for axis in axes {
      let (product, overflow) = count.multipliedReportingOverflow(by: axis.count)
      guard !overflow, product <= SweepSpecification.maximumPoints else {
        throw node.error("key axes: more than \(SweepSpecification.maximumPoints) points; split the sweep")
      }
      count = product
    }
    metric = try reader.optional("metric")?.string(oneOf: SweepSpecification.metrics) ?? "energy_pj"
    let chartNode = reader.optional("chartKey")
    chartKey = try chartNode?.string() ?? keys[0]
    if let chartNode, !keys.contains(chartKey) {
      throw chartNode.error(expected: "one of the swept keys (\(keys.joined(separator: ", ")))")
    }
    try reader.rejectUnknownKeys()
  }

  static func keyAndValues(_ reader: inout JSONObjectReader) throws(JSONDecodeError) -> (String, [JSONValue]) {
    let keyNode = try reader.required("key")
    let key = try keyNode.string()
    guard !key.isEmpty, !key.hasPrefix("."), !key.hasSuffix("."), key != "sweep", !key.hasPrefix("sweep.") else {
      throw keyNode.error(expected: "a dotted key path into the config, such as qcnpe.rows")
    }
    if let valuesNode = reader.optional("values") {
      let values = try valuesNode.nonEmptyArray().map(\.value)
      return (key, values)
    }
    guard let rangeNode = reader.optional("range") else {
      throw reader.node.error("each axis needs \"values\" (a list) or \"range\" ({\"from\", \"to\", \"step\" or \"factor\"})")
    }
    var range = try rangeNode.object()
    let limit = -1e15...1e15
    let from = try range.required("from").double(in: limit)
    let to = try range.required("to").double(in: limit)
    let stepNode = range.optional("step")
    let factorNode = range.optional("factor")
    try range.rejectUnknownKeys()
    var values: [JSONValue] = []
    if let factorNode {
      let factor = try factorNode.double(in: 1.000001...1e6)
      guard from > 0 else { throw rangeNode.error("a geometric range needs from > 0") }
      var value = from
      while value <= to * (1 + 1e-12) {
        values.append(.number(value))
        value *= factor
        if values.count > SweepSpecification.maximumPoints { break }
      }
    } else {
      let step = try stepNode?.double(in: 1e-12...1e15) ?? 1
      let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
      guard count >= 1, count <= SweepSpecification.maximumPoints else {
        throw rangeNode.error("expected from ≤ to and at most \(SweepSpecification.maximumPoints) values")
      }
      values = (0..<count).map { .number(from + Double($0) * step) }
    }
    guard !values.isEmpty, values.count <= SweepSpecification.maximumPoints else {
      throw rangeNode.error("the range is empty or too long")
    }
    return (key, values)
  }
}

extension JSONValue {
  /// The document with `value` stored at the dotted `path`, creating objects on the way.
  /// The key `precision` with a number sets both input and weight bits.
  func setting(_ value: JSONValue, at path: String) -> JSONValue {
    if path == "precision", value.doubleValue != nil {
      return setting(["input_bits": value, "weight_bits": value], atComponents: ["precision"])
    }
    return setting(value, atComponents: path.split(separator: ".").map(String.init))
  }

  private func setting(_ value: JSONValue, atComponents components: [String]) -> JSONValue {
    guard let first = components.first else { return value }
    var object: JSONObject
    if case .object(let existing) = self { object = existing } else { object = JSONObject() }
    let child = object[first] ?? .object(JSONObject())
    object[first] = child.setting(value, atComponents: Array(components.dropFirst()))
    return .object(object)
  }
}
