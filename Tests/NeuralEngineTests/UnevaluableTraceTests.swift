import NeuralEngine
import Testing
import Trace

/// Trace format version 2 describes layers the NN engine's forward pass does not implement;
/// rebuilding a network from them must fail naming the layer, never evaluate them wrongly.
@Suite struct UnevaluableTraceTests {
  func refusal(_ layer: TraceLayer) -> String? {
    let dense = TraceLayer(
      name: "fc", operation: .dense(inputs: 4, outputs: 2), activation: .softmax,
      parameters: LayerParameters(weights: Array(repeating: 0, count: 8), biases: [0, 0]))
    let trace = NetworkTrace(name: "t", topology: .independent, provenance: Provenance(source: "test"), layers: [layer, dense])
    do {
      _ = try Network(trace: trace)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func groupedAndDilatedConvolutionsAreRefused() {
    for conv in [
      ConvolutionShape(
        input: TensorShape(channels: 2, height: 4, width: 4), kernelHeight: 3, kernelWidth: 3, filters: 2, groups: 2),
      ConvolutionShape(
        input: TensorShape(channels: 1, height: 5, width: 5), kernelHeight: 2, kernelWidth: 2, filters: 1, dilationY: 2,
        dilationX: 2),
    ] {
      let weights = conv.filters * conv.channelsPerGroup * 9
      let layer = TraceLayer(
        name: "conv", operation: .conv2d(conv),
        parameters: LayerParameters(
          weights: Array(repeating: 0, count: weights), biases: Array(repeating: 0, count: conv.filters)))
      #expect(refusal(layer)?.contains("grouped or dilated") == true, "\(conv)")
    }
  }

  @Test func paddedPoolingAndBatchedGEMMsAreRefused() {
    let pool = PoolShape(
      kind: .maxpool, input: TensorShape(channels: 1, height: 4, width: 4), size: 3, sizeX: 3, stride: 2, strideX: 2,
      paddingTop: 1,
      paddingLeft: 1, paddingBottom: 1, paddingRight: 1)
    #expect(refusal(TraceLayer(name: "pool", operation: .pool(pool)))?.contains("square, unpadded pooling") == true)
    #expect(refusal(TraceLayer(name: "qk", operation: .gemm(GEMMShape(m: 2, n: 2, k: 2), groups: 4)))?.contains("GEMM") == true)
  }
}
