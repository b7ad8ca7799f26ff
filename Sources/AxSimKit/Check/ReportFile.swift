import AxJSON

/// A JSON report read back from disk for `check` and `diff`, which refuse anything else with
/// one line saying what the file looks like instead (a config, a trace, a table, a CSV).
enum ReportFile {
  /// The report at `path`.
  /// - Throws: `AxSimError.input` naming the file and what it is when it is not a report.
  static func load(_ path: String, command: String) throws(AxSimError) -> JSONValue {
    let bytes = try InputLoader.bytes(path)
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      let kind =
        path.lowercased().hasSuffix(".csv")
        ? "a CSV file" : path.lowercased().hasSuffix(".cfg") ? "a SCALE-Sim config" : "not JSON (\(error.description))"
      throw .input(file: path, message: "is \(kind); axsim \(command) reads JSON reports (axsim run --format json)")
    }
    if case .string(RunReport.formatName) = value["format"] ?? .null { return value }
    throw .input(
      file: path,
      message: "looks like \(describe(value)), not a report; axsim \(command) reads JSON reports (axsim run --format json)")
  }

  /// What a JSON document that is not a report looks like, for the refusal.
  static func describe(_ value: JSONValue) -> String {
    switch value["format"] {
    case .string("axsim-trace")?: return "a network trace (format axsim-trace)"
    case .string("axsim-energy-table")?: return "an energy table (format axsim-energy-table)"
    case .string(let other)?: return "a document of format \"\(other)\""
    default: break
    }
    if value["model"] != nil, value["energyTable"] != nil {
      return value["sweep"] != nil ? "a sweep config (it has \"sweep\")" : "a run config (it has \"model\" and \"energyTable\")"
    }
    switch value {
    case .object: return "a JSON object without \"format\": \"\(RunReport.formatName)\""
    default: return "JSON \(value.typeName)"
    }
  }
}
