import AxSimKit
import Foundation
import TestSupport
import Testing

/// The files that make AxSim installable and citable agree with the code: the version the
/// binary prints is CITATION.cff's and the changelog's newest, and the install layout the
/// docs promise is the one the data-set lookup searches.
@Suite struct ReleaseFilesTests {
  @Test func citationAndChangelogCarryTheVersionTheBinaryPrints() throws {
    let version = CommandLineTool.version
    let citation = try RepositoryPaths.text("CITATION.cff")
    let citationVersion = citation.split(separator: "\n").first { $0.hasPrefix("version:") }?
      .dropFirst("version:".count).trimmingCharacters(in: .whitespaces)
    #expect(citationVersion == version, "CITATION.cff says \(citationVersion ?? "no version"), axsim says \(version)")

    let changelog = try RepositoryPaths.text("CHANGELOG.md")
    let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## [") }
    #expect(
      newest?.hasPrefix("## [\(version)]") == true, "CHANGELOG.md's newest entry is \(newest ?? "missing"), axsim says \(version)"
    )

    // The release date is one fact in two files.
    let released = citation.split(separator: "\n").first { $0.hasPrefix("date-released:") }?
      .dropFirst("date-released:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
    #expect(released.map { newest?.hasSuffix(" - \($0)") == true } == true, "CITATION.cff's date-released is not CHANGELOG.md's")

    let outcome = try CommandRunner.run(["--version"])
    #expect(outcome.exitCode == 0)
    #expect(outcome.stdout == "axsim \(version)\n")
  }

  @Test func theLicenceAndTheThirdPartyNoticesShip() throws {
    #expect(try RepositoryPaths.text("LICENSE").hasPrefix("MIT License"))
    #expect(try RepositoryPaths.text("CITATION.cff").contains("license: MIT"))
    // Both travel with the data they cover (tools/install.sh copies the folders whole).
    #expect(FileManager.default.fileExists(atPath: RepositoryPaths.path("traces/scalesim/LICENSE.scale-sim")))
    let datasets = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.path("Sources/AxSimKit/Datasets"))
    for csv in datasets where csv.hasSuffix(".csv") {
      let description = csv.replacingOccurrences(of: ".csv", with: ".descr.rst")
      #expect(datasets.contains(description), "\(csv) ships without its attribution \(description)")
    }
    let installer = try RepositoryPaths.text("tools/install.sh")
    for copied in ["Sources/AxSimKit/Datasets/*.rst", "Sources/AxSimKit/Datasets/README.md", "LICENSE", "CITATION.cff"] {
      #expect(installer.contains(copied), "tools/install.sh does not install \(copied)")
    }
  }

  @Test func anInstalledTreeFindsItsDataSetsBesideTheExecutable() throws {
    // PREFIX/bin/axsim and PREFIX/share/axsim/datasets, built by hand from the repository's
    // files: nn must train from them with no build folder and no AXSIM_DATA.
    let prefix = NSTemporaryDirectory() + "axsim-prefix-\(ProcessInfo.processInfo.processIdentifier)"
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let fileManager = FileManager.default
    try fileManager.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try fileManager.createDirectory(atPath: prefix + "/share/axsim/datasets", withIntermediateDirectories: true)
    try fileManager.copyItem(atPath: CommandRunner.executable, toPath: prefix + "/bin/axsim")
    for name in ["digits.csv", "digits.descr.rst", "README.md"] {
      try fileManager.copyItem(
        atPath: RepositoryPaths.path("Sources/AxSimKit/Datasets/" + name), toPath: prefix + "/share/axsim/datasets/" + name)
    }
    let outcome = try Self.run(
      prefix + "/bin/axsim",
      ["nn", "train", "--dataset", "digits", "--topology", "64-32-10", "--epochs", "1", "--output", "d.json"], in: prefix)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(fileManager.fileExists(atPath: prefix + "/d.json"))

    try fileManager.removeItem(atPath: prefix + "/share/axsim/datasets")
    let missing = try Self.run(
      prefix + "/bin/axsim",
      ["nn", "train", "--dataset", "digits", "--topology", "64-32-10", "--epochs", "1", "--output", "e.json"],
      in: prefix)
    #expect(missing.status == 2)
    #expect(!fileManager.fileExists(atPath: prefix + "/e.json"))
    #expect(missing.stderr.contains("share/axsim/datasets") && missing.stderr.contains("AXSIM_DATA"), "\(missing.stderr)")
  }

  /// Runs `executable` with an environment holding only `PATH=/usr/bin:/bin`.
  static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ["PATH": "/usr/bin:/bin"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
