import AxJSON
import Energy

/// `axsim energy validate [--root DIR] [--format text|json] [--output FILE]`: every published
/// figure against AxSim's prediction, with its error and bound; exit 1 when one lies outside.
enum EnergyValidationCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(arguments, command: "energy validate", valueOptions: ["root", "format", "output"])
    guard parsed.positionals.isEmpty else {
      throw .usage("axsim energy validate: takes no arguments; see 'axsim help energy'")
    }
    let format = try parsed.choice("format", command: "energy validate", in: ["text", "json"]) ?? "text"
    let rows = try EnergyValidation.run(root: parsed.options["root"] ?? ".")
    let text = format == "json" ? json(rows) : render(rows)
    if let output = parsed.options["output"] {
      try FileSystem.write(text, to: output)
    } else {
      console.out(text)
    }
    let failures = rows.filter { !$0.holds }
    guard failures.isEmpty else {
      throw .checkFailed(
        "axsim energy validate: \(failures.count) figure(s) outside their bound: \(failures.map(\.figure.id).joined(separator: ", "))"
      )
    }
    return 0
  }

  /// The rows as an aligned text table.
  static func render(_ rows: [EnergyValidation.Row]) -> String {
    var lines = [["figure", "source", "published", "predicted", "error", "bound", "ok"]]
    for row in rows {
      let figure = row.figure
      lines.append([
        figure.quantity, figure.reference, Primitive.format(figure.published, digits: 4) + " " + figure.unit,
        Primitive.format(row.predicted, digits: 4) + " " + figure.unit, errorText(row.error, figure.bound),
        boundText(figure.bound), row.holds ? "yes" : "NO",
      ])
    }
    var out = "AxSim held-out validation: published figures predicted from the primitive-derived tables (no fitting)\n\n"
    out += TextReporter.table(header: lines[0], rows: Array(lines.dropFirst()), separatorBeforeLast: false)
    out += "\n\(rows.filter(\.holds).count) of \(rows.count) figures within their bounds (docs/energy-tables.md)\n"
    return out
  }

  static func errorText(_ error: Double, _ bound: PublishedFigure.Bound) -> String {
    switch bound {
    case .relative: return (error >= 0 ? "+" : "") + TextReporter.format(error * 100, decimals: 1) + " %"
    case .absolute: return (error >= 0 ? "+" : "") + Primitive.format(error, digits: 3)
    }
  }

  static func boundText(_ bound: PublishedFigure.Bound) -> String {
    switch bound {
    case .relative(let range):
      return
        "\(TextReporter.format(range.lowerBound * 100, decimals: 0)) … +\(TextReporter.format(range.upperBound * 100, decimals: 0)) %"
    case .absolute(let range):
      return "\(Primitive.format(range.lowerBound)) … +\(Primitive.format(range.upperBound))"
    }
  }

  static func json(_ rows: [EnergyValidation.Row]) -> String {
    let values: [JSONValue] = rows.map { row in
      var object = JSONObject()
      object["id"] = .string(row.figure.id)
      object["reference"] = .string(row.figure.reference)
      object["quantity"] = .string(row.figure.quantity)
      object["unit"] = .string(row.figure.unit)
      object["published"] = .number(row.figure.published)
      object["predicted"] = .number(row.predicted)
      object["error"] = .number(row.error)
      switch row.figure.bound {
      case .relative(let range):
        object["bound"] = ["kind": "relative", "lower": .number(range.lowerBound), "upper": .number(range.upperBound)]
      case .absolute(let range):
        object["bound"] = ["kind": "absolute", "lower": .number(range.lowerBound), "upper": .number(range.upperBound)]
      }
      object["bound_reason"] = .string(row.figure.boundReason)
      object["within_bound"] = .bool(row.holds)
      return .object(object)
    }
    return JSONWriter(sortedKeys: true, pretty: true).string([
      "format": "axsim-energy-validation", "version": 1, "figures": .array(values),
    ]) + "\n"
  }
}
