import AxJSON

/// The `axsim` command line: parses the subcommand, runs it, and funnels every error into
/// one line on standard error and an exit code (0 success, 1 a check found differences,
/// 2 bad input or usage).
public enum CommandLineTool {
  /// The version printed by `axsim --version`.
  public static let version = "0.3.0"

  /// Runs `axsim` with `arguments` (without the program name); returns the exit code.
  public static func main(_ arguments: [String], console: Console = .standard) -> Int32 {
    do {
      return try dispatch(arguments, console: console)
    } catch {
      console.err("axsim: error: \(error.description)\n")
      return error.exitCode
    }
  }

  static func dispatch(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    guard let command = arguments.first else {
      console.out(HelpTopics.overview)
      return 0
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      console.out(HelpTopics.text(for: command) ?? HelpTopics.overview)
      return 0
    }
    switch command {
    case "run": return try RunCommand.run(rest, console: console)
    case "check": return try CheckCommand.run(rest, console: console)
    case "sweep": return try SweepCommand.run(rest, console: console)
    case "merge": return try MergeCommand.run(rest, console: console)
    case "diff": return try DiffCommand.run(rest, console: console)
    case "nn": return try NNCommand.run(rest, console: console)
    case "energy": return try EnergyCommand.run(rest, console: console)
    case "import": return try ImportCommand.run(rest, console: console)
    case "help":
      guard let topic = rest.first else {
        console.out(HelpTopics.overview)
        return 0
      }
      guard let text = HelpTopics.text(for: topic) else {
        throw .usage("axsim help: no help on '\(topic)'; topics: \(HelpTopics.topics.joined(separator: ", "))")
      }
      console.out(text)
      return 0
    case "--help", "-h":
      console.out(HelpTopics.overview)
      return 0
    case "--version", "version":
      console.out("axsim \(version)\n")
      return 0
    default:
      let commands = ["run", "check", "sweep", "merge", "diff", "nn", "energy", "import", "help"]
      throw .usage(
        "unknown command '\(command)'\(NearestName.phrase(for: command, among: commands)); run 'axsim --help' for the list of commands"
      )
    }
  }
}
