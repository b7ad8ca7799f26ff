import AxJSON
import AxSimKit
import Foundation
import TestSupport
import Testing
import Trace

/// `axsim import`, `--batch`, `--input-shape` and `--precision-file`, called as a library.
@Suite struct ImportCommandTests {
  static let model = RepositoryPaths.path("traces/onnx/encoder_block.onnx")

  func temporary(_ name: String) -> String {
    NSTemporaryDirectory() + "axsim-import-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
  }

  @Test func importWritesATraceThatReadsBack() throws {
    let output = temporary("trace.json")
    defer { try? FileManager.default.removeItem(atPath: output) }
    let capture = Capture()
    #expect(CommandLineTool.main(["import", Self.model, "--output", output, "--batch", "4"], console: capture.console) == 0)
    #expect(capture.err.isEmpty && capture.out.isEmpty)
    let trace = try InputLoader.trace(output)
    #expect(trace.name == "encoder_block")
    #expect(trace.provenance.source == "onnx-import")
    // Exported at batch 2 with 16 tokens: every projection's M is 4 × 16 rows.
    #expect(trace.layers[0].gemm?.m == 64)
    #expect(trace == (try InputLoader.trace(Self.model, options: TraceInputOptions(batch: 4))))
  }

  @Test func textFormatListsTheLayers() {
    let capture = Capture()
    #expect(CommandLineTool.main(["import", Self.model, "--format", "text"], console: capture.console) == 0)
    #expect(capture.out.hasPrefix("encoder_block: 8 layers, 1,638,400 MACs, topology independent"))
    #expect(capture.out.contains("scores"))
    #expect(capture.out.contains("8 × 16·16·16"))
  }

  @Test func scaleSimTopologiesTakeABatch() throws {
    let path = RepositoryPaths.path("traces/scalesim/Resnet18.csv")
    let one = try InputLoader.trace(path)
    let four = try InputLoader.trace(path, options: TraceInputOptions(batch: 4))
    #expect(zip(one.layers, four.layers).allSatisfy { 4 * $0.macCount == $1.macCount })
    let gemm = try InputLoader.trace(RepositoryPaths.path("traces/scalesim/gpt2.csv"), options: TraceInputOptions(batch: 3))
    let unbatched = try InputLoader.trace(RepositoryPaths.path("traces/scalesim/gpt2.csv"))
    #expect(zip(unbatched.layers, gemm.layers).allSatisfy { 3 * ($0.gemm?.m ?? 0) == $1.gemm?.m })
  }

  @Test(arguments: [
    (["import"], "expected one file to import"),
    (["import", "notes.txt"], "no such file"),
    (["import", RepositoryPaths.path("configs/qcnpe-16x16.json"), "--batch", "2"], "--batch and --input-shape apply to ONNX"),
    (["import", RepositoryPaths.path("README.md")], "is not a kind axsim imports"),
    (["import", RepositoryPaths.path("traces/onnx/encoder_block.onnx"), "--input-shape", "1x2xz"], "--input-shape expects"),
    (["import", RepositoryPaths.path("traces/onnx/encoder_block.onnx"), "--batch", "0"], "--batch expects an integer"),
    (["run", "--trace", RepositoryPaths.path("traces/lenet5.json"), "--batch", "2"], "whose layers state their own batch"),
  ])
  func badImportsEndWithOneLine(arguments: [String], fragment: String) {
    let capture = Capture()
    #expect(CommandLineTool.main(arguments, console: capture.console) == 2)
    #expect(capture.err.contains(fragment), "\(capture.err)")
    #expect(capture.err.split(separator: "\n").count == 1)
    #expect(capture.out.isEmpty)
  }

  // MARK: Precision files

  func precisionFile(_ text: String) throws -> PrecisionFile {
    try PrecisionFile(json: JSONNode(root: try JSONParser.parse(text), file: "p.json"), file: "p.json")
  }

  @Test func theFirstMatchingRuleSetsALayersPrecision() throws {
    let file = try precisionFile(
      #"""
      {"format": "axsim-precision", "version": 1, "layers": [
        {"match": "scores", "input_bits": 6, "weight_bits": 6},
        {"match": "*e*", "input_bits": 8, "weight_bits": 4},
        {"match": "ou?", "input_bits": 12, "weight_bits": 10}]}
      """#)
    let trace = try file.apply(to: try InputLoader.trace(Self.model))
    let bits = Dictionary(uniqueKeysWithValues: trace.layers.map { ($0.name, $0.precision) })
    #expect(bits["scores"] == LayerPrecision(inputBits: 6, weightBits: 6))
    #expect(bits["query"] == LayerPrecision(inputBits: 8, weightBits: 4))
    #expect(bits["intermediate"] == LayerPrecision(inputBits: 8, weightBits: 4))
    #expect(bits["out"] == LayerPrecision(inputBits: 12, weightBits: 10))
    #expect(bits["context"] == LayerPrecision(inputBits: 8, weightBits: 4))
    #expect(bits["output"] == .full16)
  }

  @Test func aRuleThatMatchesNoLayerIsAnError() throws {
    let file = try precisionFile(
      #"{"format": "axsim-precision", "version": 1, "layers": [{"match": "querry", "input_bits": 8, "weight_bits": 8}]}"#)
    #expect {
      _ = try file.apply(to: try InputLoader.trace(Self.model))
    } throws: { error in
      "\(error)".contains("\"querry\" matches no layer")
    }
  }

  @Test(arguments: ["query", "q*", "*y", "*", "q?ery", "qu*r*"])
  func globsMatch(pattern: String) throws {
    let file = try precisionFile(
      #"{"format": "axsim-precision", "version": 1, "layers": [{"match": "\#(pattern)", "input_bits": 8, "weight_bits": 8}]}"#)
    let trace = try file.apply(to: try InputLoader.trace(Self.model))
    #expect(trace.layers.first { $0.name == "query" }?.precision == LayerPrecision(inputBits: 8, weightBits: 8))
  }

  @Test func precisionFileBesideARunWidePrecisionIsRefused() throws {
    let file = temporary("precision.json")
    defer { try? FileManager.default.removeItem(atPath: file) }
    try #"{"format": "axsim-precision", "version": 1, "layers": [{"match": "*", "input_bits": 8, "weight_bits": 8}]}"#.write(
      toFile: file, atomically: true, encoding: .utf8)
    let capture = Capture()
    let status = CommandLineTool.main(
      ["run", "--trace", Self.model, "--precision", "8", "--precision-file", file], console: capture.console)
    #expect(status == 2)
    #expect(capture.err.contains("give one of them"), "\(capture.err)")
    let ok = Capture()
    #expect(
      CommandLineTool.main(["run", "--trace", Self.model, "--precision-file", file], console: ok.console) == 0, "\(ok.err)")
  }
}
