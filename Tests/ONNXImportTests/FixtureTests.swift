import AxJSON
import ONNXImport
import TestSupport
import Testing
import Trace

/// The real models of traces/onnx (exported from PyTorch by tools/export_onnx_fixtures.py)
/// against the layers PyTorch itself executed: every layer's multiply-accumulates and output
/// shape, in order, at the exported batch and at another batch (`--batch`).
@Suite struct FixtureTests {
  static let models = ["resnet18", "mobilenet_v2", "transformer_encoder", "encoder_block"]

  /// One layer PyTorch ran, from Tests/ONNXImportTests/Expected/<model>.json.
  struct ExpectedLayer {
    var module: String
    var op: String
    var macs: Int
    var outputShape: [Int]
  }

  static func expected(_ model: String) throws -> (layers: [ExpectedLayer], batch: Int, rebatched: [ExpectedLayer]) {
    let text = try RepositoryPaths.text("Tests/ONNXImportTests/Expected/\(model).json")
    var root = try JSONNode(root: try JSONParser.parse(text), file: model).object()
    func layers(_ node: JSONNode) throws -> [ExpectedLayer] {
      try node.array().map { element in
        var layer = try element.object()
        return ExpectedLayer(
          module: try layer.required("module").string(), op: try layer.required("op").string(),
          macs: try layer.required("macs").int(in: 0...Int.max),
          outputShape: try layer.required("output_shape").array().map { try $0.int(in: 0...Int.max) })
      }
    }
    var rebatched = try root.required("rebatched").object()
    return (
      try layers(try root.required("layers")), try rebatched.required("batch").int(in: 1...1024),
      try layers(try rebatched.required("layers"))
    )
  }

  static func imported(_ model: String, batch: Int? = nil) throws -> NetworkTrace {
    let bytes = try RepositoryPaths.bytes("traces/onnx/\(model).onnx")
    return try ONNXImporter.importTrace(bytes: bytes, file: "\(model).onnx", options: ONNXImportOptions(batch: batch))
  }

  /// The output shape PyTorch reports for `layer`'s operator.
  static func outputShape(of layer: TraceLayer, as op: String) -> [Int]? {
    guard let output = layer.outputShape else { return nil }
    switch layer.operation {
    case .conv2d, .pool: return [layer.batch, output.channels, output.height, output.width]
    case .dense(_, let outputs): return [layer.batch, outputs]
    case .gemm(let shape, let groups): return op == "bmm" ? [groups, shape.m, shape.n] : [groups * shape.m, shape.n]
    }
  }

  static func check(_ trace: NetworkTrace, against expected: [ExpectedLayer], model: String) {
    #expect(trace.layers.count == expected.count, "\(model): \(trace.layers.count) layers, PyTorch ran \(expected.count)")
    for (layer, reference) in zip(trace.layers, expected) {
      #expect(
        layer.macCount == reference.macs,
        "\(model) \(layer.name) (\(reference.module)): \(layer.macCount) MACs, PyTorch \(reference.macs)")
      #expect(
        outputShape(of: layer, as: reference.op) == reference.outputShape,
        "\(model) \(layer.name): output \(outputShape(of: layer, as: reference.op) ?? []), PyTorch \(reference.outputShape)")
      let kind: String
      switch layer.operation {
      case .conv2d: kind = "conv"
      case .pool(let pool): kind = pool.kind.rawValue
      case .dense: kind = "mm"
      case .gemm(_, let groups): kind = groups > 1 ? "bmm" : "mm"
      }
      #expect(kind == reference.op, "\(model) \(layer.name): \(kind), PyTorch ran \(reference.op)")
    }
  }

  @Test(arguments: models)
  func layersMatchWhatPyTorchExecuted(model: String) throws {
    let reference = try Self.expected(model)
    Self.check(try Self.imported(model), against: reference.layers, model: model)
  }

  @Test(arguments: models)
  func batchOptionMatchesPyTorchAtThatBatch(model: String) throws {
    let reference = try Self.expected(model)
    Self.check(
      try Self.imported(model, batch: reference.batch), against: reference.rebatched,
      model: "\(model) at batch \(reference.batch)")
  }

  @Test func convolutionLayersAreNamedAfterTheirModules() throws {
    for model in ["resnet18", "mobilenet_v2"] {
      let trace = try Self.imported(model)
      for (layer, reference) in zip(trace.layers, try Self.expected(model).layers) where reference.op == "conv" {
        #expect(layer.name == reference.module, "\(model): \(layer.name) vs \(reference.module)")
      }
    }
  }

  @Test func mobileNetV2HasSeventeenDepthwiseConvolutions() throws {
    let trace = try Self.imported("mobilenet_v2")
    let depthwise = trace.layers.filter {
      if case .conv2d(let conv) = $0.operation { conv.groups > 1 && conv.groups == conv.input.channels } else { false }
    }
    #expect(depthwise.count == 17)
    // Clip(0, 6) after each expansion and depthwise convolution folds in as ReLU6.
    #expect(depthwise.allSatisfy { $0.activation == .relu6 })
  }

  @Test func activationsFoldIntoTheLayersBeforeThem() throws {
    let resnet = try Self.imported("resnet18")
    #expect(resnet.layers.first?.activation == .relu)
    #expect(resnet.topology == .independent)
    let encoder = try Self.imported("transformer_encoder")
    #expect(encoder.layers.filter { $0.activation == .softmax }.count == 1)
    #expect(encoder.layers.filter { $0.activation == .relu }.count == 1)
  }

  @Test func importedTracesRoundTripThroughJSON() throws {
    for model in Self.models {
      let trace = try Self.imported(model)
      let text = JSONWriter().string(trace.jsonValue)
      let read = try NetworkTrace(json: JSONNode(root: try JSONParser.parse(text), file: model))
      #expect(read == trace, "\(model)")
      // Each uses a version-2 feature: a padded max pool, grouped convolutions, batched GEMMs.
      #expect(text.contains("\"version\": 2"), "\(model)")
    }
  }
}
