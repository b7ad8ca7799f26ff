import AxJSON
import Energy
import QCNPE
import Trace

/// Everything that can stop an AxSim command, each case phrased as one line a user can act
/// on, and mapped to an exit code by `exitCode`.
public enum AxSimError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file is missing, unreadable, malformed or inconsistent.
  case input(file: String, message: String)
  /// The command line is wrong.
  case usage(String)
  /// A check ran and found differences (not an input problem).
  case checkFailed(String)

  /// 2 for bad input or usage, 1 for a failed check.
  public var exitCode: Int32 {
    switch self {
    case .input, .usage: return 2
    case .checkFailed: return 1
    }
  }

  public var description: String {
    switch self {
    case .input(let file, let message): return "\(file): \(message)"
    case .usage(let message): return message
    case .checkFailed(let message): return message
    }
  }

  /// A JSON syntax error in `file`.
  static func syntax(_ error: JSONSyntaxError, file: String) -> AxSimError {
    .input(file: file, message: "malformed JSON at \(error.description)")
  }

  /// A well-formed JSON value that is not what was expected.
  static func decode(_ error: JSONDecodeError, fallbackFile: String) -> AxSimError {
    .input(file: error.file ?? fallbackFile, message: "key \(error.path): \(error.message)")
  }
}
