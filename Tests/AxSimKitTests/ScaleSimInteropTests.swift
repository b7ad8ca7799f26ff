import AxSimKit
import Foundation
import TestSupport
import Testing

/// SCALE-Sim interop: its `.cfg` files read as QCNPE configs, and `--format scalesim` writing
/// its COMPUTE_REPORT byte for byte. The references in ScaleSimReference/ are SCALE-Sim
/// 3.0.0's own output (tools/scalesim/make_reference_reports.py regenerates them).
@Suite struct ScaleSimInteropTests {
  static let reference = "Tests/AxSimKitTests/ScaleSimReference"

  @Test(arguments: [
    ("scale16x16", "conv"), ("scale16x16", "gemm"), ("scale8x32", "conv"), ("scale8x32", "gemm"), ("scale8x32", "lenet5"),
  ])
  func computeReportMatchesScaleSimsOwn(config: String, topology: String) throws {
    let capture = Capture()
    let arguments = [
      "run", RepositoryPaths.path("\(Self.reference)/\(config).cfg"), "--trace",
      RepositoryPaths.path("\(Self.reference)/\(topology).csv"), "--format", "scalesim",
    ]
    #expect(CommandLineTool.main(arguments, console: capture.console) == 0, "\(capture.err)")
    let expected = try RepositoryPaths.text("\(Self.reference)/\(config).\(topology).COMPUTE_REPORT.csv")
    let ours = capture.out.split(separator: "\n", omittingEmptySubsequences: false)
    let theirs = expected.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(ours.count == theirs.count)
    #expect(ours.first == theirs.first, "header")
    // Every column, "Total Cycles (incl. prefetch)" included (the SRAM and DRAM model).
    for (row, (mine, scaleSim)) in zip(ours, theirs).enumerated().dropFirst() where !scaleSim.isEmpty {
      #expect(mine == scaleSim, "row \(row): \(mine) vs \(scaleSim)")
    }
  }

  @Test func aCfgBecomesTheQCNPEConfigItDescribes() throws {
    let configuration = try InputLoader.configuration(RepositoryPaths.path("\(Self.reference)/scale8x32.cfg"))
    guard case .qcnpe(let config) = configuration.hardware else {
      Issue.record("expected a QCNPE config")
      return
    }
    #expect(config.rows == 8)
    #expect(config.cols == 32)
    #expect(config.memoryWordsPerCycle == nil)
    #expect(configuration.energyTablePath == InputLoader.embeddedPrefix + "configs/energy/qcnpe-45nm.json")
  }

  @Test(arguments: [
    ("[general]\nrun_name = x\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: xs\n", "expected os, ws or is"),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\n[run_presets]\nInterfaceBandwidth: USER\n",
      "USER needs the SRAM sizes"
    ),
    ("[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\nIfmapSramSzkB: 8\n", "filtersramszkb: missing"),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\nIfmapSramSzkB: 0\n",
      "ifmapsramszkb: expected an integer"
    ),
    (
      "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\nIfmapSramSzkB: 8\nFilterSramSzkB: 8\nOfmapSramSzkB: 8\nBandwidth: x\n",
      "bandwidth: expected words per cycle"
    ),
    ("[architecture_presets]\nArrayHieght: 8\n", "did you mean arrayheight?"),
    ("[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\n", "dataflow: missing"),
    ("[architecture_presets]\nArrayHeight: 0\nArrayWidth: 8\nDataflow: os\n", "expected an integer in 1...2048"),
    ("[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nDataflow: os\n[sparsity]\nSparsitySupport: true\n", "sparsity"),
    ("[architecure_presets]\n", "did you mean architecture_presets?"),
    ("ArrayHeight: 8\n", "a key before any [section]"),
    ("[general]\nrun_name\n", "expected \"key: value\""),
    ("[architecture_presets]\nArrayHeight: 8\nArrayHeight: 9\n", "appears twice"),
  ])
  func badCfgFilesEndWithOneLine(text: String, fragment: String) throws {
    let path = NSTemporaryDirectory() + "axsim-cfg-\(ProcessInfo.processInfo.processIdentifier)-\(abs(text.hashValue)).cfg"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let capture = Capture()
    #expect(CommandLineTool.main(["run", path, "--trace", "x.csv"], console: capture.console) == 2)
    #expect(capture.err.contains(fragment), "\(capture.err)")
    #expect(capture.err.split(separator: "\n").count == 1)
  }
}
