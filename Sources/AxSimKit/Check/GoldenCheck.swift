import AxJSON

/// Compares a report with a golden report, field by field, under a stated tolerance.
///
/// Two numbers a (report) and g (golden) agree when
/// `|a − g| ≤ max(absoluteTolerance, relativeTolerance · max(|a|, |g|))`,
/// which is symmetric and scale-invariant (swift-numerics' `isApproximatelyEqual`). Strings
/// and booleans must be equal; a key or array element present on one side only is a
/// difference. The default tolerance is tight because AxSim's own arithmetic is
/// deterministic: a golden should move only when a model or table deliberately changes.
public struct GoldenCheck: Sendable {
  /// Relative tolerance.
  public var relativeTolerance: Double
  /// Absolute tolerance, for values that are zero on one side.
  public var absoluteTolerance: Double

  /// The default relative tolerance, 1e-9.
  public static let defaultRelativeTolerance = 1e-9
  /// The default absolute tolerance, 1e-9.
  public static let defaultAbsoluteTolerance = 1e-9

  /// A check with the given tolerances.
  public init(relativeTolerance: Double = defaultRelativeTolerance, absoluteTolerance: Double = defaultAbsoluteTolerance) {
    self.relativeTolerance = relativeTolerance
    self.absoluteTolerance = absoluteTolerance
  }

  /// One field that differs.
  public struct Difference: Equatable, Sendable, CustomStringConvertible {
    /// The field's path, with array elements named by their `name` when they have one.
    public var path: String
    /// What differs, for a reader.
    public var message: String

    public var description: String { "\(path): \(message)" }
  }

  /// Every difference between `report` and `golden`, in document order.
  public func differences(report: JSONValue, golden: JSONValue) -> [Difference] {
    var found: [Difference] = []
    compare(report, golden, path: "$", into: &found)
    return found
  }

  /// Whether two numbers agree under this check's tolerance.
  public func agree(_ a: Double, _ g: Double) -> Bool {
    abs(a - g) <= max(absoluteTolerance, relativeTolerance * max(abs(a), abs(g)))
  }

  private func compare(_ report: JSONValue, _ golden: JSONValue, path: String, into found: inout [Difference]) {
    switch (report, golden) {
    case (.object(let a), .object(let g)):
      for key in g.keys.sorted() {
        let child = path == "$" ? key : path + "." + key
        guard let value = a[key] else {
          found.append(Difference(path: child, message: "missing from the report"))
          continue
        }
        compare(value, g[key] ?? .null, path: child, into: &found)
      }
      for key in a.keys.sorted() where g[key] == nil {
        found.append(Difference(path: path == "$" ? key : path + "." + key, message: "not in the golden"))
      }
    case (.array(let a), .array(let g)):
      for index in 0..<max(a.count, g.count) {
        let label = GoldenCheck.label(index < g.count ? g[index] : a[index], index: index)
        let child = path + "[" + label + "]"
        if index >= a.count {
          found.append(Difference(path: child, message: "missing from the report"))
        } else if index >= g.count {
          found.append(Difference(path: child, message: "not in the golden"))
        } else {
          compare(a[index], g[index], path: child, into: &found)
        }
      }
    default:
      if let a = report.doubleValue, let g = golden.doubleValue {
        guard !agree(a, g) else { return }
        let relative = max(abs(a), abs(g)) > 0 ? abs(a - g) / max(abs(a), abs(g)) : 0
        found.append(
          Difference(
            path: path,
            message:
              "report \(JSONWriter.format(a)), golden \(JSONWriter.format(g)) (relative difference \(String(relative)) > \(String(relativeTolerance)))"
          ))
      } else if report != golden {
        found.append(
          Difference(
            path: path,
            message: "report \(JSONWriter().withCompact.string(report)), golden \(JSONWriter().withCompact.string(golden))"))
      }
    }
  }

  static func label(_ value: JSONValue, index: Int) -> String {
    if case .string(let name) = value["name"] ?? .null { return name }
    return String(index)
  }
}

extension JSONWriter {
  var withCompact: JSONWriter { JSONWriter(sortedKeys: true, pretty: false) }
}
