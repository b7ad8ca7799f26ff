import AxJSON

extension RunReport {
  /// The value of the `format` key of a JSON report.
  public static let formatName = "axsim-report"

  /// The report as JSON (docs/reports.md). Written with sorted keys, so two runs of the same
  /// inputs give the same bytes.
  public var jsonValue: JSONValue {
    var object = JSONObject()
    object["format"] = .string(RunReport.formatName)
    object["version"] = .number(RunReport.formatVersion)
    object["model"] = .string(model)
    object["config"] = .string(configName)
    object["network"] = .string(network)
    object["fidelity"] = .string(fidelity.rawValue)
    if let provenance { object["provenance"] = provenance.jsonValue }
    object["notes"] = .array(notes.map(JSONValue.string))
    object["energy_table"] = .string(energyTable)
    object["clock_mhz"] = .number(clockMHz)
    object["processing_elements"] = .number(processingElements)
    object["totals"] = totals.jsonValue
    object["components"] = .array(components.map(\.jsonValue))
    object["groups"] = .array(groups.map(\.jsonValue))
    object["layers"] = .array(
      layers.map { layer in
        var entry = layer.figures.jsonObject
        entry["name"] = .string(layer.name)
        entry["start_cycle"] = .number(layer.startCycle)
        entry["phases"] = .object(JSONObject(layer.phases.map { ($0.name, JSONValue.number($0.cycles)) }))
        entry["components"] = .array(layer.components.map(\.jsonValue))
        if let memory = layer.memory { entry["memory"] = memory.jsonValue }
        return .object(entry)
      })
    object["activity"] = .array(
      activity.map {
        [
          "component": .string($0.component), "action": .string($0.action), "count": .number($0.count),
          "energy_pj": .number($0.energyPJ),
        ]
      })
    return .object(object)
  }

  /// The report as JSON text.
  public var jsonText: String { JSONWriter().string(jsonValue) }
}

extension RunReport.Figures {
  var jsonObject: JSONObject {
    JSONObject([
      ("cycles", .number(cycles)), ("stall_cycles", .number(stallCycles)), ("mac_count", .number(macCount)),
      ("energy_pj", .number(energyPJ)), ("time_ns", .number(timeNS)), ("power_mw", .number(powerMW)),
      ("utilization", .number(utilization)),
    ])
  }

  var jsonValue: JSONValue { .object(jsonObject) }
}

extension RunReport.ComponentLine {
  var jsonValue: JSONValue {
    ["name": .string(name), "energy_pj": .number(energyPJ), "power_mw": .number(powerMW), "share": .number(share)]
  }
}
