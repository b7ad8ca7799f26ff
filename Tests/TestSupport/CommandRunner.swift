import Foundation

/// Runs the built `axsim` executable as a user would and captures what it printed.
public enum CommandRunner {
  /// The result of one run.
  public struct Outcome: Sendable {
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// The exit code (or 128 + signal when killed by a signal).
    public var exitCode: Int32
    /// Whether the process ended by a signal (a crash).
    public var crashed: Bool
  }

  /// The `axsim` executable: `AXSIM_EXECUTABLE` when set (so the slow doc claims can run a
  /// release build under the debug test harness), else the one next to the test bundle.
  public static var executable: String {
    if let chosen = ProcessInfo.processInfo.environment["AXSIM_EXECUTABLE"], !chosen.isEmpty {
      return chosen.hasPrefix("/") ? chosen : FileManager.default.currentDirectoryPath + "/" + chosen
    }
    let bundle = Bundle.main.bundleURL
    let candidates = [
      bundle.appendingPathComponent("axsim").path,
      bundle.deletingLastPathComponent().appendingPathComponent("axsim").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  /// Runs `axsim` with `arguments` in `directory` (default: the repository root).
  public static func run(_ arguments: [String], in directory: String = RepositoryPaths.root, stdin: Data? = nil) throws -> Outcome
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let crashed = process.terminationReason == .uncaughtSignal
    return Outcome(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      exitCode: crashed ? 128 + process.terminationStatus : process.terminationStatus, crashed: crashed)
  }
}
