import Foundation
import NeuralEngine
import Trace

/// Finds and reads the data sets `axsim nn` trains on: the bundled ones by name, or a
/// user's CSV or MNIST IDX files.
public enum DatasetLoading {
  /// Where the bundled data sets are: `AXSIM_DATA` if set, else `share/axsim/datasets` beside
  /// the executable's `bin` (an installed copy, docs/install.md), else the resource directory
  /// SwiftPM builds next to the executable. Never the source tree the build came from: an
  /// installed copy must not depend on the machine that built it.
  public static func bundledDirectory() throws(AxSimError) -> String {
    var candidates: [String] = []
    if let override = ProcessInfo.processInfo.environment["AXSIM_DATA"] { candidates.append(override) }
    let executableDirectory = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "."))
      .resolvingSymlinksInPath().deletingLastPathComponent()
    candidates.append(executableDirectory.deletingLastPathComponent().appendingPathComponent("share/axsim/datasets").path)
    for base in [Bundle.main.bundleURL, executableDirectory] {
      candidates.append(base.appendingPathComponent("AxSim_AxSimKit.resources/Datasets").path)
      candidates.append(base.appendingPathComponent("AxSim_AxSimKit.bundle/Contents/Resources/Datasets").path)
      candidates.append(base.appendingPathComponent("AxSim_AxSimKit.bundle/Datasets").path)
    }
    for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/digits.csv") { return candidate }
    throw .input(
      file: "digits.csv",
      message:
        "the bundled data sets are not installed beside this executable (PREFIX/share/axsim/datasets for PREFIX/bin/axsim); set AXSIM_DATA to a directory holding digits.csv"
    )
  }

  /// The names `--dataset` accepts besides file paths.
  public static var bundledNames: [String] { DatasetParser.Bundled.allCases.map(\.rawValue) + ["wine_data"] }

  /// The data set `argument` names, split 75/25 (stratified, seed 42) and normalised:
  /// a bundled name, a CSV file (features then a label per row), or `IMAGES,LABELS` IDX files.
  public static func split(_ argument: String) throws(AxSimError) -> DatasetSplit {
    let name = argument == "wine_data" ? "wine" : argument
    let data: Dataset
    let normalization: DatasetSplit.Normalization
    if let bundled = DatasetParser.Bundled(rawValue: name) {
      let path = try bundledDirectory() + "/" + bundled.fileName
      data = try wrap(path) { () throws(NeuralEngineError) in
        try DatasetParser.bundled(bundled, csv: try FileSystem.readTextForData(path))
      }
      normalization = bundled.normalization
    } else if argument.contains(",") {
      let parts = argument.split(separator: ",").map(String.init)
      guard parts.count == 2 else { throw .usage("axsim nn: --dataset IMAGES,LABELS takes two IDX files") }
      let images = try FileSystem.read(parts[0])
      let labels = try FileSystem.read(parts[1])
      data = try wrap(parts[0]) { () throws(NeuralEngineError) in
        try DatasetParser.idx(images: images, labels: labels, file: parts[0])
      }
      normalization = .unitRange
    } else if argument.lowercased().hasSuffix(".csv") {
      let text = try FileSystem.readText(argument)
      data = try wrap(argument) { () throws(NeuralEngineError) in try DatasetParser.csv(text, file: argument) }
      normalization = .standardScore
    } else {
      throw .usage(
        "axsim nn: unknown data set \"\(argument)\"; expected one of \(DatasetParser.Bundled.allCases.map(\.rawValue).joined(separator: ", ")), a .csv file, or IMAGES,LABELS IDX files"
      )
    }
    return try wrap(argument) { () throws(NeuralEngineError) in try DatasetSplit.stratified(data, normalization: normalization) }
  }

  @discardableResult
  static func wrap<T>(_ file: String, _ body: () throws(NeuralEngineError) -> T) throws(AxSimError) -> T {
    do {
      return try body()
    } catch {
      if case .invalidData(let dataFile, let message) = error { throw .input(file: dataFile, message: message) }
      throw .input(file: file, message: error.description)
    }
  }
}

extension FileSystem {
  /// The text of a bundled data file (the bundle is read-only and trusted, but may be missing).
  static func readTextForData(_ path: String) throws(NeuralEngineError) -> String {
    do {
      return try readText(path)
    } catch {
      throw .invalidData(file: path, message: error.description)
    }
  }
}
