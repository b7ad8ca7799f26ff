import ONNXImport
import TestSupport
import Testing
import Trace

/// Operators one at a time, on graphs built in code: each layer's geometry against the ONNX
/// operator definitions (onnx.ai/onnx/operators), and the errors for what is not supported.
@Suite struct OperatorTests {
  func importing(_ build: (inout ONNXBuilder) -> Void, options: ONNXImportOptions = ONNXImportOptions()) throws(ONNXImportError)
    -> NetworkTrace
  {
    var builder = ONNXBuilder()
    build(&builder)
    return try ONNXImporter.importTrace(bytes: builder.bytes, file: "test.onnx", options: options)
  }

  func error(_ build: (inout ONNXBuilder) -> Void) -> ONNXImportError? {
    do {
      _ = try importing(build)
      return nil
    } catch {
      return error
    }
  }

  func convolution(_ trace: NetworkTrace, _ index: Int = 0) -> ConvolutionShape? {
    if case .conv2d(let conv) = trace.layers[index].operation { return conv }
    return nil
  }

  @Test func convolutionWithAsymmetricPadsStridesAndDilations() throws {
    let trace = try importing { graph in
      graph.input("x", [2, 4, 15, 17])
      graph.initializer("conv.weight", [6, 4, 3, 5])
      graph.node(
        "Conv", ["x", "conv.weight"], ["y"],
        [("pads", .ints([1, 0, 2, 3])), ("strides", .ints([2, 3])), ("dilations", .ints([2, 1]))])
    }
    let conv = try #require(convolution(trace))
    #expect(trace.layers[0].name == "conv")
    #expect(conv.paddingY == 1 && conv.paddingX == 0 && conv.paddingBottom == 2 && conv.paddingRight == 3)
    #expect(conv.dilationY == 2 && conv.strideX == 3)
    // ONNX: out = floor((in + pads − ((k − 1)·d + 1)) / s) + 1 → (15 + 3 − 5) / 2 + 1 = 7, (17 + 3 − 5) / 3 + 1 = 6.
    #expect(conv.output == TensorShape(channels: 6, height: 7, width: 6))
    #expect(trace.layers[0].batch == 2)
    #expect(trace.layers[0].macCount == 2 * 7 * 6 * 6 * 4 * 3 * 5)
  }

  @Test(arguments: [("SAME_UPPER", [0, 1, 1, 1]), ("SAME_LOWER", [1, 1, 0, 1]), ("VALID", [0, 0, 0, 0])])
  func autoPadding(mode: String, pads: [Int]) throws {
    // 10×10 input, 3×4 kernel, stride 2: SAME keeps ceil(10 / 2) = 5 outputs, needing
    // (5 − 1)·2 + 3 − 10 = 1 row (the odd one at the end for SAME_UPPER, at the start for
    // SAME_LOWER) and (5 − 1)·2 + 4 − 10 = 2 columns, one each side.
    let trace = try importing { graph in
      graph.input("x", [1, 1, 10, 10])
      graph.initializer("w", [2, 1, 3, 4])
      graph.node("Conv", ["x", "w"], ["y"], [("auto_pad", .string(mode)), ("strides", .ints([2, 2]))])
    }
    let conv = try #require(convolution(trace))
    #expect([conv.paddingY, conv.paddingX, conv.paddingBottom, conv.paddingRight] == pads)
    if mode != "VALID" { #expect(conv.output?.height == 5 && conv.output?.width == 5) }
  }

  @Test func depthwiseAndGroupedConvolutions() throws {
    let trace = try importing { graph in
      graph.input("x", [1, 32, 8, 8])
      graph.initializer("dw.weight", [32, 1, 3, 3])
      graph.initializer("g.weight", [64, 8, 1, 1])
      graph.node("Conv", ["x", "dw.weight"], ["a"], [("group", .int(32)), ("pads", .ints([1, 1, 1, 1]))])
      graph.node("Conv", ["a", "g.weight"], ["b"], [("group", .int(4))])
    }
    let depthwise = try #require(convolution(trace, 0))
    #expect(depthwise.groups == 32)
    #expect(trace.layers[0].gemm == GEMMShape(m: 64, n: 1, k: 9))
    #expect(trace.layers[0].gemmGroups == 32)
    #expect(trace.layers[0].macCount == 32 * 64 * 9)
    #expect(trace.layers[1].gemm == GEMMShape(m: 64, n: 16, k: 8))
    #expect(trace.layers[1].macCount == 4 * 64 * 16 * 8)
    #expect(trace.topology == .chain)
  }

  @Test func gemmWithTransposesAndWeights() throws {
    let trace = try importing { graph in
      graph.input("x", [5, 7])
      graph.initializer("fc.weight", [3, 7])
      graph.node("Gemm", ["x", "fc.weight"], ["y"], [("transB", .int(1))])
      graph.node("Gemm", ["y", "y"], ["z"], [("transA", .int(1))])
    }
    #expect(trace.layers[0].operation == .dense(inputs: 7, outputs: 3))
    #expect(trace.layers[0].batch == 5)
    // yᵀ·y: (3×5)·(5×3), activation × activation: a bare GEMM.
    #expect(trace.layers[1].operation == .gemm(GEMMShape(m: 3, n: 3, k: 5)))
  }

  @Test func matMulBroadcastsBatchDimensions() throws {
    let trace = try importing { graph in
      graph.input("q", [2, 4, 10, 8])
      graph.input("k", [4, 8, 10])
      graph.initializer("proj", [8, 12])
      graph.node("MatMul", ["q", "k"], ["scores"])
      graph.node("MatMul", ["q", "proj"], ["projected"])
    }
    // [2, 4] broadcast with [4]: 8 products of 10×8 by 8×10.
    #expect(trace.layers[0].operation == .gemm(GEMMShape(m: 10, n: 10, k: 8), groups: 8))
    // Weights shared by every row: one GEMM with M = 2·4·10.
    #expect(trace.layers[1].operation == .gemm(GEMMShape(m: 80, n: 12, k: 8)))
  }

  @Test func matMulOfVectors() throws {
    let trace = try importing { graph in
      graph.input("v", [6])
      graph.initializer("w", [6, 4])
      graph.node("MatMul", ["v", "w"], ["y"])
    }
    #expect(trace.layers[0].operation == .dense(inputs: 6, outputs: 4))
    #expect(trace.layers[0].batch == 1)
  }

  @Test func poolingWithPaddingAndCeilMode() throws {
    let trace = try importing { graph in
      graph.input("x", [1, 3, 112, 112])
      graph.node(
        "MaxPool", ["x"], ["a"], [("kernel_shape", .ints([3, 3])), ("strides", .ints([2, 2])), ("pads", .ints([1, 1, 1, 1]))])
      graph.node(
        "AveragePool", ["a"], ["b"], [("kernel_shape", .ints([3, 3])), ("strides", .ints([2, 2])), ("ceil_mode", .int(1))])
      graph.node("GlobalAveragePool", ["b"], ["c"])
    }
    // ResNet's stem pool: (112 + 2 − 3) / 2 + 1 = 56; ceil((56 − 3) / 2) + 1 = 28; then 28×28 → 1.
    #expect(trace.layers.map { $0.outputShape?.height } == [56, 28, 1])
    if case .pool(let global) = trace.layers[2].operation { #expect(global.windowElements == 28 * 28) }
    #expect(trace.topology == .chain)
  }

  @Test func clipBecomesReLU6AndBatchNormFolds() throws {
    let trace = try importing { graph in
      graph.input("x", [1, 3, 8, 8])
      graph.initializer("w", [4, 3, 3, 3])
      graph.initializer("scale", [4])
      graph.initializer("low", [], float: 0)
      graph.initializer("high", [], float: 6)
      graph.node("Conv", ["x", "w"], ["c"])
      graph.node("BatchNormalization", ["c", "scale", "scale", "scale", "scale"], ["n"])
      graph.node("Clip", ["n", "low", "high"], ["r"])
      graph.node("Relu", ["r"], ["s"])
    }
    #expect(trace.layers.count == 1)
    #expect(trace.layers[0].activation == .relu6)
    // The second activation has no layer left to fold into.
    #expect(trace.provenance.note?.contains("1 activation nodes had no layer") == true)
  }

  @Test func reshapeTargetsComputedInTheGraphAreFolded() throws {
    // Flatten via Shape → Gather → Unsqueeze → Concat → Reshape, as TorchScript exports it.
    let trace = try importing { graph in
      graph.input("x", [3, 16, 2, 2])
      graph.initializer("zero", [], int64s: [0])
      graph.initializer("minus", [1], int64s: [-1])
      graph.initializer("fc.weight", [64, 10])
      graph.node("Shape", ["x"], ["shape"])
      graph.node("Gather", ["shape", "zero"], ["n"])
      graph.node("Unsqueeze", ["n"], ["n1"], [("axes", .ints([0]))])
      graph.node("Concat", ["n1", "minus"], ["target"], [("axis", .int(0))])
      graph.node("Reshape", ["x", "target"], ["flat"])
      graph.node("MatMul", ["flat", "fc.weight"], ["y"])
    }
    #expect(trace.layers[0].operation == .dense(inputs: 64, outputs: 10))
    #expect(trace.layers[0].batch == 3)
  }

  @Test func symbolicBatchTakesTheBatchOption() throws {
    let trace = try importing(
      { graph in
        graph.input("x", ["batch", 8])
        graph.initializer("w", [8, 2])
        graph.node("MatMul", ["x", "w"], ["y"])
      }, options: ONNXImportOptions(batch: 6))
    #expect(trace.layers[0].batch == 6)
  }

  @Test func inputShapeOverridesSymbolicDimensions() throws {
    let build: (inout ONNXBuilder) -> Void = { graph in
      graph.input("image", ["n", 3, "h", "w"])
      graph.initializer("w", [8, 3, 3, 3])
      graph.node("Conv", ["image", "w"], ["y"])
    }
    let failure = error(build)
    #expect(failure?.message.contains("symbolic dimension \"h\" at axis 2") == true)
    let trace = try importing(build, options: ONNXImportOptions(inputShapes: ["image": [2, 3, 9, 9]]))
    #expect(convolution(trace)?.output == TensorShape(channels: 8, height: 7, width: 7))
    #expect(trace.layers[0].batch == 2)
  }

  @Test func unsupportedOperatorNamesTheNodeAndWhatIsSupported() {
    let failure = error { graph in
      graph.input("x", [1, 4])
      graph.node("NonMaxSuppression", ["x"], ["y"], name: "nms")
    }
    #expect(failure?.node == "nms")
    #expect(failure?.opType == "NonMaxSuppression")
    #expect(
      failure?.description.hasPrefix(
        "node \"nms\" (NonMaxSuppression): unsupported operator; supported: layers AveragePool, Conv") == true)
  }

  @Test func otherDomainsAreRefused() {
    // com.microsoft operators are ONNX Runtime's, not ONNX's.
    #expect(
      error { graph in
        graph.input("x", [1, 4])
        graph.nodes.append(
          ProtobufEncoderShortcut.node(op: "FusedConv", domain: "com.microsoft", inputs: ["x"], outputs: ["y"]))
      }?.message.contains("domain \"com.microsoft\"") == true)
  }

  @Test func nodesOutOfTopologicalOrderAreRefused() {
    let failure = error { graph in
      graph.input("x", [1, 4])
      graph.initializer("w", [4, 4])
      graph.node("MatMul", ["later", "w"], ["y"], name: "first")
      graph.node("Relu", ["x"], ["later"])
    }
    #expect(failure?.node == "first")
    #expect(failure?.message.contains("topological order") == true)
  }

  @Test func shapesThatDisagreeNameTheNode() {
    let failure = error { graph in
      graph.input("x", [1, 3, 8, 8])
      graph.initializer("w", [4, 5, 3, 3])
      graph.node("Conv", ["x", "w"], ["y"], name: "bad")
    }
    #expect(failure?.node == "bad")
    #expect(failure?.opType == "Conv")
  }

  @Test func hostileShapeArithmeticEndsInErrorsNotTraps() {
    // Slice steps at the ends of Int64, a Range to infinity, a Tile past 2^63, axes of a scalar.
    let cases: [(inout ONNXBuilder) -> Void] = [
      { graph in
        graph.input("x", [1, 8])
        graph.initializer("s", [1], int64s: [0])
        graph.initializer("e", [1], int64s: [Int64.max])
        graph.initializer("a", [1], int64s: [1])
        graph.initializer("step", [1], int64s: [Int64.min])
        graph.node("Slice", ["x", "s", "e", "a", "step"], ["y"])
      },
      { graph in
        graph.initializer("start", [], float: 0)
        graph.initializer("limit", [], float: .infinity)
        graph.initializer("delta", [], float: 1)
        graph.node("Range", ["start", "limit", "delta"], ["r"])
      },
      { graph in
        graph.input("x", [1 << 24, 1 << 24])
        graph.initializer("repeats", [2], int64s: [1 << 24, 1 << 24])
        graph.node("Tile", ["x", "repeats"], ["y"])
      },
      { graph in
        graph.initializer("scalar", [], int64s: [3])
        graph.node("Concat", ["scalar", "scalar"], ["y"], [("axis", .int(0))])
      },
      { graph in
        graph.initializer("scalar", [], int64s: [3])
        graph.initializer("i", [], int64s: [0])
        graph.node("Gather", ["scalar", "i"], ["y"])
      },
    ]
    for (index, build) in cases.enumerated() {
      #expect(error(build) != nil, "case \(index)")
    }
  }

  @Test func aGraphWithoutLayersIsRefused() {
    let failure = error { graph in
      graph.input("x", [1, 4])
      graph.node("Relu", ["x"], ["y"])
    }
    #expect(failure?.message.contains("nothing to simulate") == true)
  }
}

/// Encodes a node with a domain (the builder writes default-domain nodes only).
enum ProtobufEncoderShortcut {
  static func node(op: String, domain: String, inputs: [String], outputs: [String]) -> [UInt8] {
    var node = ProtobufEncoder()
    for input in inputs { node.string(1, input) }
    for output in outputs { node.string(2, output) }
    node.string(4, op)
    node.string(7, domain)
    return node.bytes
  }
}
