import AxJSON
import Energy

/// `axsim energy derive CONFIG [--primitives DIR] [--output FILE] [--check]` and
/// `axsim energy validate [--root DIR] [--format text|json] [--output FILE]`.
enum EnergyCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    guard let verb = arguments.first else {
      throw .usage("axsim energy: expected derive or validate; see 'axsim help energy'")
    }
    let rest = Array(arguments.dropFirst())
    switch verb {
    case "derive": return try derive(rest, console: console)
    case "validate": return try EnergyValidationCommand.run(rest, console: console)
    default: throw .usage("axsim energy: unknown verb '\(verb)'; expected derive or validate")
    }
  }

  static func derive(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(
      arguments, command: "energy derive", valueOptions: ["primitives", "output"], flags: ["check"])
    guard parsed.positionals.count == 1, let configPath = parsed.positionals.first else {
      throw .usage("axsim energy derive: expected one config file; usage: axsim energy derive CONFIG [--output FILE]")
    }
    let configuration = try InputLoader.configuration(configPath)
    let directory = parsed.options["primitives"] ?? InputLoader.primitivesDirectory(besideTable: configuration.energyTablePath)
    let library = try InputLoader.primitiveLibrary(directory)
    let table = try EnergyDerivation.table(for: configuration, library: library)
    if parsed.options["check"] != nil {
      let bundled = try InputLoader.energyTable(configuration.energyTablePath)
      guard bundled == table else {
        throw .checkFailed(
          "\(configuration.energyTablePath) differs from its derivation; regenerate it with axsim energy derive \(configPath) --output \(configuration.energyTablePath)"
        )
      }
      console.out("\(configuration.energyTablePath) equals its derivation from \(directory)\n")
      return 0
    }
    if let output = parsed.options["output"] {
      try FileSystem.write(table.jsonText, to: output)
    } else {
      console.out(table.jsonText)
    }
    return 0
  }
}
