import AxJSON
import BuildInfo

/// Exactly what produced a report: the AxSim build, the resolved config (every key, defaults
/// included), every command-line option that changes results, and the SHA-256 of the trace
/// and energy table files. Two reports with equal provenance came from the same inputs; `diff`
/// and `check` list provenance differences before any number (docs/reports.md).
public struct RunProvenance: Equatable, Sendable {
  /// One input file: its name as the report shows it and the SHA-256 of its bytes.
  public struct InputDigest: Equatable, Sendable {
    /// The file's base name (`lenet5.json`), or `embedded:…` for an input compiled into axsim.
    public var name: String
    /// SHA-256 of the file's bytes, 64 hexadecimal digits.
    public var sha256: String

    /// A digest of `bytes`, read from `path`.
    public init(path: String, bytes: [UInt8]) {
      name = path.hasPrefix(InputLoader.embeddedPrefix) ? path : String(path.split(separator: "/").last ?? Substring(path))
      sha256 = SHA256Digest.hex(bytes)
    }

    init(name: String, sha256: String) {
      self.name = name
      self.sha256 = sha256
    }
  }

  /// One command-line option that changed the run (`--precision 8`).
  public struct Override: Equatable, Sendable {
    /// The option, with its dashes.
    public var flag: String
    /// Its value as given.
    public var value: String
  }

  /// The AxSim version (`axsim --version`).
  public var version: String
  /// The git commit of the build (BuildInfo): a hash, `+dirty` when built from a modified
  /// checkout, or `unknown`.
  public var commit: String
  /// The config's name as reports show it.
  public var configName: String
  /// The config as the run used it: every key of the model's section with its value
  /// (defaults included), the fidelity, the precision override, the input names.
  public var resolvedConfig: JSONValue
  /// Command-line options that change results, sorted by flag.
  public var overrides: [Override]
  /// The trace.
  public var trace: InputDigest
  /// The energy table.
  public var energyTable: InputDigest

  /// The provenance of a run of `configuration` on `trace` priced by `energyTable`, with the
  /// given command-line options (flag without dashes → value); options that only choose where
  /// or how output is written are left out by the caller.
  public init(
    configuration: RunConfiguration, trace: InputDigest, energyTable: InputDigest, options: [String: String] = [:]
  ) {
    version = CommandLineTool.version
    commit = BuildInfo.commit
    configName = configuration.displayName
    resolvedConfig = configuration.resolvedJSON(traceName: trace.name, energyTableName: energyTable.name)
    // A path is recorded by its file name, as the inputs are, so the report does not depend
    // on the directory the run started from.
    overrides = options.keys.sorted().map { key in
      let value = options[key] ?? ""
      return Override(flag: "--" + key, value: value.contains("/") ? String(value.split(separator: "/").last ?? "") : value)
    }
    self.trace = trace
    self.energyTable = energyTable
  }

  /// The provenance as the `provenance` object of a JSON report.
  public var jsonValue: JSONValue {
    [
      "axsim_version": .string(version), "commit": .string(commit), "config": .string(configName),
      "resolved_config": resolvedConfig,
      "overrides": .object(JSONObject(overrides.map { ($0.flag, JSONValue.string($0.value)) })),
      "trace": ["name": .string(trace.name), "sha256": .string(trace.sha256)],
      "energy_table": ["name": .string(energyTable.name), "sha256": .string(energyTable.sha256)],
    ]
  }

  /// The provenance as text lines for the text and CSV headers: the build, the config and
  /// options, the inputs with the first 16 digits of their digests, the resolved config.
  public var summaryLines: [String] {
    let options = overrides.isEmpty ? "none" : overrides.map { "\($0.flag) \($0.value)" }.joined(separator: " ")
    return [
      "axsim \(version) (commit \(commit))",
      "config \(configName) · options \(options)",
      "trace \(trace.name) sha256:\(trace.sha256.prefix(16)) · energy table \(energyTable.name) sha256:\(energyTable.sha256.prefix(16))",
      "resolved config \(JSONWriter(sortedKeys: true, pretty: false).string(resolvedConfig))",
    ]
  }
}

extension RunProvenance {
  /// What differs between the provenance objects of two JSON reports, as lines for a reader:
  /// the settings first (config keys, options, fidelity, inputs), then the build. Empty when
  /// both were produced the same way. A report without provenance (format 1) says so.
  public static func differences(_ a: JSONValue?, _ b: JSONValue?, names: (String, String)) -> [String] {
    guard let a, let b else {
      if a == nil && b == nil { return [] }
      return ["\(a == nil ? names.0 : names.1) records no provenance (a report from before AxSim 0.2)"]
    }
    var lines: [String] = []
    var settings: [(String, JSONValue?, JSONValue?)] = []
    flatten(a["resolved_config"], b["resolved_config"], path: "config", into: &settings)
    flatten(a["overrides"], b["overrides"], path: "option", into: &settings)
    for key in ["trace", "energy_table"] {
      flatten(a[key], b[key], path: key, into: &settings)
    }
    for (path, left, right) in settings where left != right {
      lines.append("\(path): \(show(left)) in \(names.0), \(show(right)) in \(names.1)")
    }
    for key in ["axsim_version", "commit"] where a[key] != b[key] {
      lines.append("\(key): \(show(a[key])) in \(names.0), \(show(b[key])) in \(names.1)")
    }
    return lines
  }

  private static func flatten(
    _ a: JSONValue?, _ b: JSONValue?, path: String, into rows: inout [(String, JSONValue?, JSONValue?)]
  ) {
    if case .object(let left)? = a, case .object(let right)? = b {
      var keys = left.keys
      for key in right.keys where !keys.contains(key) { keys.append(key) }
      for key in keys.sorted() { flatten(left[key], right[key], path: path + "." + key, into: &rows) }
    } else if case .object(let left)? = a, b == nil {
      for key in left.keys.sorted() { flatten(left[key], nil, path: path + "." + key, into: &rows) }
    } else if case .object(let right)? = b, a == nil {
      for key in right.keys.sorted() { flatten(nil, right[key], path: path + "." + key, into: &rows) }
    } else {
      rows.append((path, a, b))
    }
  }

  private static func show(_ value: JSONValue?) -> String {
    guard let value else { return "(absent)" }
    return JSONWriter(sortedKeys: true, pretty: false).string(value)
  }
}
