import AxJSON
import AxSimKit
import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct SweepTests {
  let directory: String = {
    let path = NSTemporaryDirectory() + "axsim-sweep-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func run(_ arguments: [String]) -> (Int32, Capture) {
    let capture = Capture()
    return (CommandLineTool.main(arguments, console: capture.console), capture)
  }

  func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func bundledArraySizeSweepWritesOneRowPerPointAndAChart() throws {
    let csv = directory + "/sizes.csv"
    let (code, capture) = run([
      "sweep", RepositoryPaths.path("configs/sweeps/qcnpe-array-sizes.json"), "--jobs", "2", "--output", csv,
    ])
    #expect(code == 0, "\(capture.err)")
    let table = try SweepTable(csv: try text(csv), file: csv)
    #expect(table.rows.count == 18)
    #expect(table.header.prefix(6) == ["point", "point_count", "trace", "qcnpe.rows", "qcnpe.cols", "qcnpe.memoryWordsPerCycle"])
    #expect(table.rows.map { $0[0] } == (0..<18).map(String.init))
    let svg = try text(directory + "/sizes.svg")
    #expect(svg.contains("<svg") && svg.contains("energy (log scale)") && svg.contains("qcnpe.rows (log scale)"))
    // Ticks at the swept sides and at decades of energy, each with its SI prefix.
    for label in [">4</text>", ">128</text>", ">1 µJ</text>", ">10 mJ</text>"] { #expect(svg.contains(label), "\(label)") }
    #expect(capture.err.contains("18/18"))
  }

  /// The bundled sweeps of every model (the GPU's is the slowest: 18 training steps).
  static let bundledSweeps = [
    "configs/sweeps/qcnpe-array-sizes.json", "configs/sweeps/flexflow-array-sizes.json", "configs/sweeps/flexflow-drum-ntv.json",
    "configs/sweeps/qcnpe-technology.json", "configs/sweeps/qcnpe-dataflows.json",
  ]

  @Test(arguments: bundledSweeps)
  func fourShardsMergeIntoTheSingleRunByteForByte(sweep: String) throws {
    let config = RepositoryPaths.path(sweep)
    let name = sweep.split(separator: "/").last.map(String.init) ?? "sweep"
    let single = directory + "/single-\(name).csv"
    #expect(run(["sweep", config, "--jobs", "2", "--output", single]).0 == 0)
    var shards: [String] = []
    for index in 1...4 {
      let shard = directory + "/shard\(index)-\(name).csv"
      #expect(run(["sweep", config, "--jobs", "1", "--shard", "\(index)/4", "--output", shard]).0 == 0)
      shards.append(shard)
    }
    let merged = directory + "/merged-\(name).csv"
    #expect(run(["merge"] + shards.reversed() + ["--output", merged]).0 == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: single)))
  }

  @Test(arguments: bundledSweeps)
  func jobsDoNotChangeTheResults(sweep: String) throws {
    let config = RepositoryPaths.path(sweep)
    let name = sweep.split(separator: "/").last.map(String.init) ?? "sweep"
    let one = directory + "/jobs1-\(name).csv"
    let two = directory + "/jobs2-\(name).csv"
    #expect(run(["sweep", config, "--jobs", "1", "--output", one]).0 == 0)
    #expect(run(["sweep", config, "--jobs", "2", "--output", two]).0 == 0)
    #expect(try text(one) == text(two))
  }

  @Test func mergeRefusesMissingOrDuplicatedPoints() throws {
    let config = RepositoryPaths.path("configs/sweeps/qcnpe-array-sizes.json")
    let shard = directory + "/only1.csv"
    #expect(run(["sweep", config, "--shard", "1/3", "--output", shard]).0 == 0)
    let (missing, missingCapture) = run(["merge", shard, "--output", directory + "/m.csv"])
    #expect(missing == 2)
    #expect(missingCapture.err.contains("are in no shard"))
    let (duplicate, duplicateCapture) = run(["merge", shard, shard, "--output", directory + "/m.csv"])
    #expect(duplicate == 2)
    #expect(duplicateCapture.err.contains("also appears"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/m.csv"))
  }

  @Test func specificationExpandsProductsZipsAndRanges() throws {
    let node = JSONNode(
      root: try JSONParser.parse(
        #"{"axes": [{"key": "a", "values": [1, 2]}, {"zip": [{"key": "b", "range": {"from": 4, "to": 16, "factor": 2}}, {"key": "c", "values": ["x", "y", "z"]}]}]}"#
      ),
      file: "s.json")
    let specification = try SweepSpecification(json: node)
    #expect(specification.pointCount == 6)
    #expect(specification.keys == ["a", "b", "c"])
    let last = specification.assignments(ofPoint: 5)
    #expect(last.map(\.key) == ["a", "b", "c"])
    #expect(last.map(\.value) == [.integer(2), .integer(16), .string("z")])
    #expect(specification.assignments(ofPoint: 1).map(\.value) == [.integer(1), .integer(8), .string("y")])
  }

  @Test(arguments: [
    (#"{"axes": []}"#, "non-empty"),
    (#"{"axes": [{"key": "a"}]}"#, "needs \"values\""),
    (#"{"axes": [{"zip": [{"key": "a", "values": [1]}, {"key": "b", "values": [1, 2]}]}]}"#, "steps its keys together"),
    (#"{"axes": [{"key": "a", "values": [1]}, {"key": "a", "values": [2]}]}"#, "swept twice"),
    (#"{"axes": [{"key": "a", "values": [1]}], "metric": "joules"}"#, "expected one of"),
    (#"{"axes": [{"key": "a", "range": {"from": 1, "to": 1e9}}]}"#, "at most"),
  ])
  func badSweepSectionsAreRejected(text: String, fragment: String) {
    do {
      _ = try SweepSpecification(json: JSONNode(root: try JSONParser.parse(text), file: "s.json"))
      Issue.record("accepted \(text)")
    } catch {
      #expect("\(error)".contains(fragment), "\(error)")
    }
  }

  @Test func aBadPointIsReportedBeforeAnyPointRuns() throws {
    let config = directory + "/bad-sweep.json"
    let document = """
      {"model": "qcnpe", "energyTable": "\(RepositoryPaths.path("configs/energy/qcnpe-45nm.json"))",
       "trace": "\(RepositoryPaths.path("traces/lenet5.json"))",
       "sweep": {"axes": [{"key": "qcnpe.rows", "values": [8, 0, 16]}]}}
      """
    _ = FileManager.default.createFile(atPath: config, contents: Data(document.utf8))
    let (code, capture) = run(["sweep", config, "--output", directory + "/never.csv"])
    #expect(code == 2)
    #expect(capture.err.contains("sweep point 1 (qcnpe.rows=0): key qcnpe.rows: expected an integer in 1...2048, found 0"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/never.csv"))
  }
}
