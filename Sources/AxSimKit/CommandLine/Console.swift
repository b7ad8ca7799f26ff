import Foundation

/// Where a command writes: standard output for results, standard error for diagnostics and
/// progress. Tests substitute closures that capture the text.
public struct Console: Sendable {
  /// Writes to standard output.
  public var out: @Sendable (String) -> Void
  /// Writes to standard error.
  public var err: @Sendable (String) -> Void
  /// Whether progress may redraw one terminal line (standard error is a terminal).
  public var isInteractive: Bool

  /// A console.
  public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, isInteractive: Bool) {
    self.out = out
    self.err = err
    self.isInteractive = isInteractive
  }

  /// The process's standard streams.
  public static var standard: Console {
    Console(
      out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      err: { text in FileHandle.standardError.write(Data(text.utf8)) },
      isInteractive: FileSystem.standardErrorIsTerminal)
  }
}

extension Console {
  /// Writes a command's result to `path` (atomically), or to standard output when `path` is
  /// nil or `-`, the usual Unix spelling of "standard output".
  public func write(_ text: String, to path: String?) throws(AxSimError) {
    guard let path, path != "-" else {
      out(text)
      return
    }
    try FileSystem.write(text, to: path)
  }

  /// Where a command's messages go: standard error when its result goes to standard output
  /// (`--output -`), so that a pipe receives only the result; standard output otherwise.
  public func messages(whenResultGoesTo path: String?) -> @Sendable (String) -> Void {
    path == "-" ? err : out
  }
}
