import AxJSON

extension EnergyTable {
  /// The table as a JSON document of the current format version, keys in reading order
  /// (what `axsim energy derive` writes; docs/energy-tables.md).
  public var jsonValue: JSONValue {
    var object = JSONObject()
    object["format"] = .string(EnergyTable.formatName)
    object["version"] = .number(EnergyTable.currentVersion)
    object["name"] = .string(name)
    object["technology"] = [
      "node_nm": .number(technology.nodeNM), "vdd_v": .number(technology.supplyVolts),
      "clock_mhz": .number(technology.clockMHz),
    ]
    if let derivedFrom { object["derived_from"] = .string(derivedFrom) }
    if let calibrationNote { object["calibration"] = .string(calibrationNote) }
    if !freeParameters.isEmpty {
      object["free_parameters"] = .array(
        freeParameters.map { ["name": .string($0.name), "value": .number($0.value), "source": .string($0.source)] })
    }
    object["clock_gating"] = ["ungated_fraction": .number(ungatedFraction), "source": .string(ungatedFractionSource)]
    object["entries"] = .array(entries.map(\.jsonValue))
    object["leakage"] = .array(leakage.map(\.jsonValue))
    return .object(object)
  }

  /// The table as JSON text, with a final newline.
  public var jsonText: String { JSONWriter(sortedKeys: false, pretty: true).string(jsonValue) + "\n" }
}

extension EnergyEntry {
  var jsonValue: JSONValue {
    var object = JSONObject()
    object["component"] = .string(component)
    object["action"] = .string(action)
    object["energy_pj"] = .number(energyPJ)
    object["law"] = .string(law.kindName)
    switch law {
    case .multiplier(let a, let b):
      object["reference_bits"] = [.number(a), .number(b)]
    case .multiplierWithFixedPart(let a, let b, let fixed):
      object["reference_bits"] = [.number(a), .number(b)]
      object["fixed_fraction"] = .number(fixed)
    case .adder(let bits), .register(let bits), .lsbGated(let bits):
      object["reference_bits"] = .number(bits)
    case .memory(let bits, let depth, let exponent):
      object["reference_bits"] = .number(bits)
      object["reference_depth"] = .number(depth)
      object["depth_exponent"] = .number(exponent)
    case .constant, .clockGated:
      break
    }
    if law.widthCount > 0 { object["valid_bits"] = [.number(validBits.lowerBound), .number(validBits.upperBound)] }
    object["voltage_exponent"] = .number(voltageExponent)
    if !scalesWithTechnology { object["scales_with_technology"] = .bool(false) }
    if let referenceActivity { object["reference_activity"] = .number(referenceActivity) }
    object["source"] = .string(source)
    if let derivation { object["derivation"] = .string(derivation) }
    return .object(object)
  }
}

extension LeakageEntry {
  var jsonValue: JSONValue {
    var object = JSONObject()
    object["component"] = .string(component)
    object["power_mw"] = .number(powerMW)
    object["voltage_exponent"] = .number(voltageExponent)
    if !scalesWithTechnology { object["scales_with_technology"] = .bool(false) }
    object["source"] = .string(source)
    if let derivation { object["derivation"] = .string(derivation) }
    return .object(object)
  }
}
