import AxJSON
import Foundation

/// `axsim diff A.json B.json`: what changed from report A to report B (an exact network
/// against its approximated version, one array size against another): totals, energy per
/// component and per layer, each with the absolute and relative change.
enum DiffCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(arguments, command: "diff", valueOptions: ["output"])
    guard parsed.positionals.count == 2 else { throw .usage("axsim diff: expected two JSON reports, A and B") }
    let a = try report(parsed.positionals[0])
    let b = try report(parsed.positionals[1])
    let text = render(a, b, names: (parsed.positionals[0], parsed.positionals[1]))
    try console.write(text, to: parsed.options["output"])
    return 0
  }

  static func report(_ path: String) throws(AxSimError) -> JSONValue { try ReportFile.load(path, command: "diff") }

  /// The comparison as text tables.
  static func render(_ a: JSONValue, _ b: JSONValue, names: (String, String)) -> String {
    var out = "A: \(names.0) (\(describe(a)))\nB: \(names.1) (\(describe(b)))\n\n"
    let settings = RunProvenance.differences(a["provenance"], b["provenance"], names: ("A", "B"))
    out +=
      settings.isEmpty
      ? "produced the same way: same config, options and inputs\n\n"
      : "produced differently:\n" + settings.map { "  " + $0 + "\n" }.joined() + "\n"
    let totals = ["cycles", "stall_cycles", "energy_pj", "power_mw", "utilization"].map { key in
      row(key, a["totals"]?[key]?.doubleValue, b["totals"]?[key]?.doubleValue)
    }
    out += TextReporter.table(header: ["total", "A", "B", "B − A", "change"], rows: totals, separatorBeforeLast: false) + "\n"
    out +=
      TextReporter.table(
        header: ["component energy (pJ)", "A", "B", "B − A", "change"],
        rows: namedRows(a["components"], b["components"], "energy_pj"),
        separatorBeforeLast: false) + "\n"
    out +=
      TextReporter.table(
        header: ["layer energy (pJ)", "A", "B", "B − A", "change"], rows: namedRows(a["layers"], b["layers"], "energy_pj"),
        separatorBeforeLast: false) + "\n"
    out += TextReporter.table(
      header: ["layer cycles", "A", "B", "B − A", "change"], rows: namedRows(a["layers"], b["layers"], "cycles"),
      separatorBeforeLast: false)
    return out
  }

  static func describe(_ report: JSONValue) -> String {
    ["model", "network", "config", "fidelity"].compactMap { key -> String? in
      if case .string(let text) = report[key] ?? .null { return text }
      return nil
    }.joined(separator: " · ")
  }

  static func namedRows(_ a: JSONValue?, _ b: JSONValue?, _ key: String) -> [[String]] {
    func entries(_ value: JSONValue?) -> [(String, Double)] {
      guard case .array(let elements) = value ?? .null else { return [] }
      return elements.compactMap { element in
        guard case .string(let name) = element["name"] ?? .null else { return nil }
        return (name, element[key]?.doubleValue ?? 0)
      }
    }
    let left = entries(a)
    let right = entries(b)
    var names = left.map(\.0)
    for (name, _) in right where !names.contains(name) { names.append(name) }
    return names.map { name in
      row(name, left.first { $0.0 == name }?.1, right.first { $0.0 == name }?.1)
    }
  }

  static func row(_ name: String, _ a: Double?, _ b: Double?) -> [String] {
    func show(_ value: Double?) -> String {
      guard let value else { return "—" }
      return TextReporter.format(value, decimals: value == value.rounded() ? 0 : abs(value) < 10 ? 4 : 1)
    }
    guard let a, let b else { return [name, show(a), show(b), "—", a == nil ? "only in B" : "only in A"] }
    let change = a != 0 ? String(format: "%+.2f%%", (b - a) / abs(a) * 100) : (b == 0 ? "0.00%" : "new")
    return [name, show(a), show(b), show(b - a), change]
  }
}
