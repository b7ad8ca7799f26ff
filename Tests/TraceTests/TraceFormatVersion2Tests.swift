import AxJSON
import Testing
import Trace

/// Trace format version 2: grouped, dilated and asymmetrically padded convolutions, batched
/// GEMMs, padded or rectangular pools; their geometry, validation and version rules.
@Suite struct TraceFormatVersion2Tests {
  func decode(_ text: String) throws -> NetworkTrace {
    try NetworkTrace(json: JSONNode(root: try JSONParser.parse(text), file: "t.json"))
  }

  func decodeError(_ text: String) -> JSONDecodeError? {
    do {
      _ = try decode(text)
      return nil
    } catch let error as JSONDecodeError {
      return error
    } catch {
      return nil
    }
  }

  func trace(_ layer: String, version: Int = 2) -> String {
    #"{"format": "axsim-trace", "version": \#(version), "name": "v2", "topology": "independent", "layers": [\#(layer)]}"#
  }

  @Test func groupedConvolutionIsOneProductPerGroup() throws {
    let read = try decode(
      trace(
        #"{"name": "g", "op": "conv2d", "input": {"channels": 12, "height": 10, "width": 10}, "kernel": 3, "filters": 8, "groups": 4}"#
      ))
    let layer = read.layers[0]
    // Each group: M = 8·8 positions, N = 8/4 filters, K = 3·3·12/4 channels.
    #expect(layer.gemm == GEMMShape(m: 64, n: 2, k: 27))
    #expect(layer.gemmGroups == 4)
    #expect(layer.macCount == 4 * 64 * 2 * 27)
    #expect(layer.neuronCount == 8)
  }

  @Test func dilationAndAsymmetricPaddingSetTheOutputSize() throws {
    let read = try decode(
      trace(
        #"{"name": "d", "op": "conv2d", "input": {"channels": 1, "height": 20, "width": 20}, "kernel": [3, 2], "filters": 1, "stride": 2, "padding": [1, 0, 2, 3], "dilation": [3, 2]}"#
      ))
    guard case .conv2d(let conv) = read.layers[0].operation else { return }
    // Kernel extents (3 − 1)·3 + 1 = 7 and (2 − 1)·2 + 1 = 3: (20 + 3 − 7)/2 + 1 = 9, (20 + 3 − 3)/2 + 1 = 11.
    #expect(conv.output == TensorShape(channels: 1, height: 9, width: 11))
  }

  @Test func batchedGEMMCountsEveryProduct() throws {
    let read = try decode(trace(#"{"name": "qk", "op": "gemm", "m": 16, "n": 16, "k": 8, "groups": 12}"#))
    #expect(read.layers[0].macCount == 12 * 16 * 16 * 8)
    #expect(read.layers[0].neuronCount == 16)
  }

  @Test func paddedRectangularPool() throws {
    let read = try decode(
      trace(
        #"{"name": "p", "op": "maxpool", "input": {"channels": 2, "height": 7, "width": 9}, "size": [3, 2], "stride": [2, 3], "padding": [1, 0, 1, 1], "ceil_mode": true}"#
      ))
    guard case .pool(let pool) = read.layers[0].operation else { return }
    // Rows: ceil((7 + 2 − 3)/2) + 1 = 4; columns: ceil((9 + 1 − 2)/3) + 1 = 4, the last window
    // starting at 9 ≥ 9 + 0 (inside no input) is dropped: 3.
    #expect(pool.output == TensorShape(channels: 2, height: 4, width: 3))
    #expect(pool.windowElements == 6)
  }

  @Test(arguments: [
    #"{"name": "g", "op": "conv2d", "input": {"channels": 4, "height": 4, "width": 4}, "kernel": 1, "filters": 4, "groups": 2}"#,
    #"{"name": "d", "op": "conv2d", "input": {"channels": 4, "height": 4, "width": 4}, "kernel": 1, "filters": 4, "dilation": 2}"#,
    #"{"name": "p", "op": "conv2d", "input": {"channels": 4, "height": 4, "width": 4}, "kernel": 1, "filters": 4, "padding": [0, 0, 1, 1]}"#,
    #"{"name": "b", "op": "gemm", "m": 2, "n": 2, "k": 2, "groups": 3}"#,
    #"{"name": "q", "op": "avgpool", "input": {"channels": 1, "height": 4, "width": 4}, "size": [2, 1]}"#,
  ])
  func version2KeysAreRefusedInAVersion1Trace(layer: String) throws {
    let error = try #require(decodeError(trace(layer, version: 1)))
    #expect(error.message.contains("needs trace format version 2"), "\(error)")
    #expect(try decode(trace(layer)).layers.count == 1)
  }

  @Test func writerUsesTheOldestVersionThatExpressesTheTrace() throws {
    let plain = try decode(trace(#"{"name": "a", "op": "dense", "inputs": 3, "outputs": 2}"#))
    #expect(plain.minimumVersion == 1)
    #expect(JSONWriter().string(plain.jsonValue).contains("\"version\": 1"))
    let grouped = try decode(
      trace(
        #"{"name": "g", "op": "conv2d", "input": {"channels": 4, "height": 4, "width": 4}, "kernel": 1, "filters": 4, "groups": 4}"#
      ))
    let text = JSONWriter().string(grouped.jsonValue)
    #expect(text.contains("\"version\": 2"))
    #expect(try decode(text) == grouped)
  }

  @Test(arguments: [
    (
      #"{"name": "g", "op": "conv2d", "input": {"channels": 6, "height": 4, "width": 4}, "kernel": 1, "filters": 4, "groups": 4}"#,
      "groups must divide"
    ),
    (
      #"{"name": "g", "op": "conv2d", "input": {"channels": 4, "height": 4, "width": 4}, "kernel": 1, "filters": 6, "groups": 4}"#,
      "groups must divide"
    ),
    (
      #"{"name": "d", "op": "conv2d", "input": {"channels": 1, "height": 4, "width": 4}, "kernel": 3, "filters": 1, "dilation": 2}"#,
      "larger than its padded input"
    ),
    (#"{"name": "b", "op": "gemm", "m": 16777216, "n": 16777216, "k": 16, "groups": 16}"#, "2^50"),
  ])
  func invalidVersion2LayersNameTheProblem(layer: String, message: String) throws {
    let error = try #require(decodeError(trace(layer)))
    #expect(error.message.contains(message), "\(error)")
  }

  @Test(arguments: [
    #"{"name": "p", "op": "maxpool", "input": {"channels": 16777216, "height": 16777216, "width": 16777216}, "size": 1}"#,
    #"{"name": "c", "op": "conv2d", "input": {"channels": 16777216, "height": 16777216, "width": 16777216}, "kernel": 1, "filters": 1, "batch": 16777216}"#,
    #"{"name": "k", "op": "conv2d", "input": {"channels": 16777216, "height": 16777216, "width": 16777216}, "kernel": 16777216, "filters": 1}"#,
  ])
  func shapesWhoseCountsOverflowAreRefusedNotTrapped(layer: String) throws {
    // Each of these multiplies past 2^63 somewhere; validation must say so, not trap.
    let error = try #require(decodeError(trace(layer)))
    #expect(error.message.contains("2^50"), "\(error)")
  }

  @Test func parametersOfAGroupedConvolutionHoldEveryGroupsWeights() {
    var layer = TraceLayer(
      name: "g",
      operation: .conv2d(
        ConvolutionShape(
          input: TensorShape(channels: 4, height: 3, width: 3), kernelHeight: 3, kernelWidth: 3, filters: 6, groups: 2)))
    // 6 filters × (4/2 channels × 9 taps) = 108 weights.
    layer.parameters = LayerParameters(weights: Array(repeating: 0, count: 108), biases: Array(repeating: 0, count: 6))
    let good = NetworkTrace(name: "t", provenance: Provenance(source: "test"), layers: [layer])
    #expect(throws: Never.self) { try good.validate() }
    layer.parameters = LayerParameters(weights: Array(repeating: 0, count: 216), biases: Array(repeating: 0, count: 6))
    let bad = NetworkTrace(name: "t", provenance: Provenance(source: "test"), layers: [layer])
    #expect(throws: JSONDecodeError.self) { try bad.validate() }
  }
}
