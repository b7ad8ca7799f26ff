import AxJSON

/// One key of a config section, declared once: its name, unit, valid range, meaning and how
/// it sets the setting. The same declarations decode config files, reject unknown keys and
/// print the reference table of `axsim help config` (gem5's `Param.X(default, "description")`).
public struct ConfigField<Settings>: Sendable {
  /// The key as written in a config file.
  public let key: String
  /// The unit or value kind, for the reference table.
  public let unit: String
  /// The accepted values, for the reference table.
  public let range: String
  /// What the key means.
  public let summary: String
  let read: @Sendable (JSONNode, inout Settings) throws(JSONDecodeError) -> Void
  let show: @Sendable (Settings) -> String
  /// What the reference table shows as the default when it is not a fixed value (`rows + cols`).
  var defaultText: String? = nil

  /// An integer setting within `range`.
  public static func integer(
    _ key: String, _ path: WritableKeyPath<Settings, Int> & Sendable, in range: ClosedRange<Int>, unit: String,
    _ summary: String
  ) -> ConfigField {
    ConfigField(
      key: key, unit: unit, range: "\(range.lowerBound)...\(range.upperBound)", summary: summary,
      read: { node, settings throws(JSONDecodeError) in settings[keyPath: path] = try node.int(in: range) },
      show: { String($0[keyPath: path]) })
  }

  /// An integer setting that may also be `"ideal"` (or null), meaning no limit.
  public static func integerOrIdeal(
    _ key: String, _ path: WritableKeyPath<Settings, Int?> & Sendable, in range: ClosedRange<Int>, unit: String,
    _ summary: String, defaultText: String? = nil
  ) -> ConfigField {
    integerOrKeyword(key, path, keyword: "ideal", in: range, unit: unit, summary, defaultText: defaultText)
  }

  /// An integer setting that may also be `keyword` (or null), meaning the setting's nil:
  /// `"ideal"` (no limit), `"none"` (no such unit), `"calc"` (whatever the run needs).
  public static func integerOrKeyword(
    _ key: String, _ path: WritableKeyPath<Settings, Int?> & Sendable, keyword: String, in range: ClosedRange<Int>,
    unit: String, _ summary: String, defaultText: String? = nil
  ) -> ConfigField {
    var field = ConfigField(
      key: key, unit: unit, range: "\(range.lowerBound)...\(range.upperBound) or \"\(keyword)\"", summary: summary,
      read: { node, settings throws(JSONDecodeError) in
        if case .string(let text) = node.value, text == keyword {
          settings[keyPath: path] = nil
        } else if node.value == .null {
          settings[keyPath: path] = nil
        } else {
          guard case .integer = node.value else { throw node.error(expected: "an integer in \(range) or \"\(keyword)\"") }
          settings[keyPath: path] = try node.int(in: range)
        }
      },
      show: { $0[keyPath: path].map(String.init) ?? "\"\(keyword)\"" })
    field.defaultText = defaultText
    return field
  }

  /// A number setting within `range`.
  public static func number(
    _ key: String, _ path: WritableKeyPath<Settings, Double> & Sendable, in range: ClosedRange<Double>, unit: String,
    _ summary: String
  ) -> ConfigField {
    ConfigField(
      key: key, unit: unit, range: "\(JSONWriter.format(range.lowerBound))...\(JSONWriter.format(range.upperBound))",
      summary: summary,
      read: { node, settings throws(JSONDecodeError) in settings[keyPath: path] = try node.double(in: range) },
      show: { JSONWriter.format($0[keyPath: path]) })
  }

  /// A boolean setting.
  public static func flag(_ key: String, _ path: WritableKeyPath<Settings, Bool> & Sendable, _ summary: String) -> ConfigField {
    ConfigField(
      key: key, unit: "boolean", range: "true, false", summary: summary,
      read: { node, settings throws(JSONDecodeError) in settings[keyPath: path] = try node.bool() },
      show: { String($0[keyPath: path]) })
  }
}

/// A config section: its key in the file and its fields.
public struct ConfigSection<Settings>: Sendable {
  /// The section's key (`qcnpe`).
  public let key: String
  /// What the section configures.
  public let summary: String
  /// Its fields, in documentation order.
  public let fields: [ConfigField<Settings>]

  /// Reads the section from `node`, starting from `defaults`; unknown keys are errors.
  public func decode(_ node: JSONNode, defaults: Settings) throws(JSONDecodeError) -> Settings {
    var reader = try node.object()
    var settings = defaults
    for field in fields {
      if let value = reader.optional(field.key) { try field.read(value, &settings) }
    }
    try reader.rejectUnknownKeys()
    return settings
  }

  /// Every key of the section as a run uses it: the value the config file gives, or else
  /// the value in `settings` (the default, or what another key such as a profile set).
  /// - Parameter given: the section as written in the config file, if it was.
  public func resolved(_ settings: Settings, given: JSONValue?) -> JSONValue {
    var object = JSONObject()
    for field in fields {
      if let written = given?[field.key] {
        object[field.key] = written
      } else {
        let text = field.show(settings)
        object[field.key] = (try? JSONParser.parse(text)) ?? .string(text)
      }
    }
    return .object(object)
  }

  /// The reference table in Markdown: key, unit, range, default, meaning.
  public func referenceTable(defaults: Settings) -> String {
    var lines = [
      "| key | unit | accepted | default | meaning |",
      "|---|---|---|---|---|",
    ]
    for field in fields {
      lines.append(
        "| `\(key).\(field.key)` | \(field.unit) | \(field.range) | \(field.defaultText ?? field.show(defaults)) | \(field.summary) |"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
