import AxJSON

/// The arguments of one subcommand, split into positionals and `--option value` pairs and
/// checked against what the subcommand accepts.
public struct ParsedArguments: Sendable {
  /// Positional arguments in order.
  public var positionals: [String] = []
  /// Option values by name (without the dashes); flags map to "true".
  public var options: [String: String] = [:]

  /// Parses `arguments` for a command accepting `valueOptions` (which take a value) and
  /// `flags` (which do not). Accepts `--name value` and `--name=value`.
  /// - Throws: a usage error naming the unknown or incomplete option.
  public init(_ arguments: [String], command: String, valueOptions: Set<String>, flags: Set<String> = []) throws(AxSimError) {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      guard argument.hasPrefix("--"), argument.count > 2 else {
        if argument.hasPrefix("-"), argument.count > 1, Double(argument) == nil {
          throw .usage("axsim \(command): unknown option \(argument); see 'axsim help \(command)'")
        }
        positionals.append(argument)
        continue
      }
      var name = String(argument.dropFirst(2))
      var value: String?
      if let equals = name.firstIndex(of: "=") {
        value = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if flags.contains(name) {
        guard value == nil else { throw .usage("axsim \(command): --\(name) takes no value") }
        options[name] = "true"
        continue
      }
      guard valueOptions.contains(name) else {
        let known = (valueOptions.union(flags)).sorted()
        throw .usage(
          "axsim \(command): unknown option --\(name)\(NearestName.suggestion(for: name, among: known).map { " (did you mean --\($0)?)" } ?? "") (expected one of: \(known.map { "--" + $0 }.joined(separator: ", ")))"
        )
      }
      if value == nil {
        guard index < arguments.count else { throw .usage("axsim \(command): --\(name) needs a value") }
        value = arguments[index]
        index += 1
      }
      guard options[name] == nil else { throw .usage("axsim \(command): --\(name) given twice") }
      options[name] = value
    }
  }

  /// The value of option `name` parsed as a number in `range`.
  public func number(_ name: String, command: String, in range: ClosedRange<Double>) throws(AxSimError) -> Double? {
    guard let text = options[name] else { return nil }
    guard let value = Double(text), value.isFinite, range.contains(value) else {
      throw .usage("axsim \(command): --\(name) expects a number in \(range.lowerBound)...\(range.upperBound), found \"\(text)\"")
    }
    return value
  }

  /// The value of option `name` parsed as an integer in `range`.
  public func integer(_ name: String, command: String, in range: ClosedRange<Int>) throws(AxSimError) -> Int? {
    guard let text = options[name] else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw .usage(
        "axsim \(command): --\(name) expects an integer in \(range.lowerBound)...\(range.upperBound), found \"\(text)\"")
    }
    return value
  }

  /// The value of option `name`, which must be one of `choices`.
  public func choice(_ name: String, command: String, in choices: [String]) throws(AxSimError) -> String? {
    guard let text = options[name] else { return nil }
    guard choices.contains(text) else {
      throw .usage("axsim \(command): --\(name) expects one of \(choices.joined(separator: ", ")), found \"\(text)\"")
    }
    return text
  }
}
