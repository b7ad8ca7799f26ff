import Foundation

/// Paths inside the repository, found from this source file's location so tests work from
/// any working directory.
public enum RepositoryPaths {
  /// The repository root (the directory holding Package.swift).
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// `relative` under the repository root.
  public static func path(_ relative: String) -> String { root + "/" + relative }

  /// The bytes of the repository file at `relative`.
  public static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
  }

  /// The text of the repository file at `relative`.
  public static func text(_ relative: String) throws -> String {
    try String(contentsOfFile: path(relative), encoding: .utf8)
  }

}
