import AxJSON
import TestSupport
import Testing
import Trace

@Suite struct NetworkTraceTests {
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

  @Test(arguments: [
    "traces/mlp-784-128-128-10-b1.json", "traces/mlp-784-128-128-10-b64.json", "traces/lenet5.json",
    "traces/census-14-10-2.json", "traces/cifar-mlp-3072-1024-10.json", "traces/mlp-784-500-500-10.json",
  ])
  func bundledTracesDecodeAndRoundTrip(path: String) throws {
    let trace = try decode(try RepositoryPaths.text(path))
    let rewritten = JSONWriter().string(trace.jsonValue)
    #expect(try decode(rewritten) == trace)
  }

  @Test func axnnBenchmarksHaveThePapersNeuronAndConnectionCounts() throws {
    // AxNN Fig. 5: Census 12 neurons / 160 connections; CIFAR MLP 1034 / 3,155,968.
    for (path, neurons, connections) in [
      ("traces/census-14-10-2.json", 12, 160), ("traces/cifar-mlp-3072-1024-10.json", 1034, 3_155_968),
    ] {
      let trace = try decode(try RepositoryPaths.text(path))
      #expect(trace.layers.reduce(0) { $0 + $1.neuronCount } == neurons)
      #expect(trace.layers.reduce(0) { $0 + ($1.gemm?.macCount ?? 0) } == connections)
    }
  }

  @Test func lenet5ShapesChain() throws {
    let trace = try decode(try RepositoryPaths.text("traces/lenet5.json"))
    #expect(
      trace.layers.map { $0.outputShape?.description ?? "" } == [
        "6x28x28", "6x14x14", "16x10x10", "16x5x5", "120x1x1", "84x1x1", "10x1x1",
      ])
    #expect(trace.layers[0].gemm == GEMMShape(m: 784, n: 6, k: 25))
    #expect(trace.layers[2].gemm == GEMMShape(m: 100, n: 16, k: 150))
  }

  @Test func inconsistentShapesInAChainAreRejectedNamingTheLayer() throws {
    let text = """
      {"format": "axsim-trace", "version": 1, "name": "bad", "layers": [
        {"name": "a", "op": "dense", "inputs": 10, "outputs": 20},
        {"name": "b", "op": "dense", "inputs": 21, "outputs": 2}]}
      """
    let error = try #require(decodeError(text))
    #expect(error.path == "layers[1]")
    #expect(error.message.contains("expects input 21x1x1 but \"a\" produces 20x1x1"))
  }

  @Test(arguments: [
    (#"{"format": "axsim-trace", "version": 3, "name": "x", "layers": []}"#, "version"),
    (#"{"format": "other", "version": 1, "name": "x", "layers": []}"#, "format"),
    (#"{"format": "axsim-trace", "version": 1, "name": "x", "layers": []}"#, "layers"),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 0, "outputs": 2}]}"#,
      "layers[0].inputs"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2, "colour": 1}]}"#,
      "layers[0].colour"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2, "precision": {"input_bits": [8, 8, 8], "weight_bits": 8}}]}"#,
      "layers[0]"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "c", "op": "conv2d", "input": {"channels": 1, "height": 4, "width": 4}, "kernel": 5, "filters": 2}]}"#,
      "layers[0]"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "gemm", "m": 16777216, "n": 16777216, "k": 16777216}]}"#,
      "layers[0]"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2}, {"name": "a", "op": "dense", "inputs": 2, "outputs": 2}]}"#,
      "layers[1]"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2, "statistics": {"input_toggle_fraction": 1.5}}]}"#,
      "layers[0].statistics.input_toggle_fraction"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2, "statistics": {"weight_toggle_fraction": -0.1}}]}"#,
      "layers[0].statistics.weight_toggle_fraction"
    ),
    (
      #"{"format": "axsim-trace", "version": 1, "name": "x", "layers": [{"name": "a", "op": "dense", "inputs": 3, "outputs": 2, "statistics": {"input_toggle_fraction_across_rows": 2}}]}"#,
      "layers[0].statistics.input_toggle_fraction_across_rows"
    ),
  ])
  func malformedTracesNameTheKey(text: String, path: String) throws {
    let error = try #require(decodeError(text), "accepted: \(text)")
    #expect(error.path == path, "\(error)")
    #expect(error.file == "t.json")
  }

  @Test func perNeuronPrecisionAndStatisticsRoundTrip() throws {
    let layer = TraceLayer(
      name: "fc", operation: .dense(inputs: 4, outputs: 3), batch: 2, activation: .relu,
      precision: LayerPrecision(inputBits: [8, 12, 16], weightBits: [4, 8, 16]),
      approximation: ApproximationSettings(multiplier: .drum(k: 6), weightSRAMVoltage: 0.66),
      statistics: OperandStatistics(
        zeroInputFraction: 0.25, meanInputBits: 9.5, inputToggleFraction: 0.18, weightToggleFraction: 0.47,
        inputToggleFractionAcrossRows: 0.12, weightToggleFractionAcrossNeurons: 0.49,
        cannaHitRate: [.init(setting: 2, value: 0.4), .init(setting: 0, value: 1)],
        drumMeanRelativeError: [.init(setting: 6, value: 0.0004)], sampledProducts: 1000))
    let trace = NetworkTrace(
      name: "n",
      provenance: Provenance(
        source: "test", dataset: "digits", seed: 3, epochs: 5, testAccuracy: 0.97, method: "axnn",
        parameters: [.init("alpha", 0.5)]), layers: [layer])
    let text = JSONWriter().string(trace.jsonValue)
    let decoded = try decode(text)
    #expect(decoded == trace)
    #expect(decoded.layers[0].statistics.cannaHitRate(tuningBits: 2) == 0.4)
    #expect(decoded.layers[0].precision.inputBits(ofNeuron: 1) == 12)
  }
}
