import Foundation

/// The only place AxSim touches the file system: reading inputs and writing outputs.
///
/// Outputs are written to a temporary file beside the destination and renamed into place,
/// so a run that fails half-way never leaves a partial file for a later step to trust.
public enum FileSystem {
  /// The largest input file read, so that a wrong path (a disk image, /dev/zero) fails fast.
  public static let maximumInputBytes = 512 << 20

  /// The bytes of the file at `path`.
  /// - Throws: `AxSimError` naming the file and what is wrong with it.
  public static func read(_ path: String) throws(AxSimError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .input(file: path, message: "no such file")
    }
    guard !isDirectory.boolValue else { throw .input(file: path, message: "is a directory; expected a file") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .input(file: path, message: "cannot be opened for reading (check its permissions)")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumInputBytes + 1) ?? Data()
    } catch {
      throw .input(file: path, message: "cannot be read: \(error.localizedDescription)")
    }
    guard data.count <= maximumInputBytes else {
      throw .input(file: path, message: "is larger than \(maximumInputBytes >> 20) MB; expected a config, trace or table")
    }
    return [UInt8](data)
  }

  /// The text of the file at `path`, which must be UTF-8.
  public static func readText(_ path: String) throws(AxSimError) -> String {
    let bytes = try read(path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .input(file: path, message: "is not UTF-8 text")
    }
    return text
  }

  /// Writes `text` to `path` atomically: a temporary file in the same directory, then a rename.
  public static func write(_ text: String, to path: String) throws(AxSimError) {
    let destination = URL(fileURLWithPath: path)
    let directory = destination.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .input(file: path, message: "cannot be written: the directory \(directory) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw .input(file: path, message: "is a directory; expected a file path for the output")
    }
    let temporary = directory + "/." + destination.lastPathComponent + ".axsim-\(ProcessInfo.processInfo.processIdentifier).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      throw .input(file: path, message: "cannot be written (check the directory's permissions)")
    }
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw .input(file: path, message: "cannot be replaced (check its permissions)")
    }
  }

  /// Creates the directory at `path` (and its parents) if it does not exist.
  public static func ensureDirectory(_ path: String) throws(AxSimError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw .input(file: path, message: "exists and is not a directory") }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .input(file: path, message: "cannot be created: \(error.localizedDescription)")
    }
  }

  /// The names of the files in directory `path` ending in `suffix`, sorted (no recursion).
  public static func fileNames(in path: String, withSuffix suffix: String) throws(AxSimError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .input(file: path, message: "no such directory")
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw .input(file: path, message: "cannot be listed: \(error.localizedDescription)")
    }
    return names.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted()
  }

  /// `path` resolved against the directory of `base` when it is relative.
  public static func resolve(_ path: String, relativeTo base: String?) -> String {
    guard !path.hasPrefix("/"), let base else { return path }
    let directory = URL(fileURLWithPath: base).deletingLastPathComponent().path
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
  }

  /// Whether standard output is a terminal (progress bars only then).
  public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

  /// Whether standard error is a terminal.
  public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
