import Trace

extension GraphWalker {
  /// The walked graph as a validated trace: the batch rescaled if asked, `chain` when every
  /// layer consumes exactly the previous layer's output, else `independent`.
  func makeTrace(name: String, file: String) throws(ONNXImportError) -> NetworkTrace {
    guard !layers.isEmpty else {
      throw ONNXImportError(
        "the graph has no Conv, Gemm, MatMul or pooling node, so there is nothing to simulate; \(ONNXOperators.summary)")
    }
    var layers = self.layers
    var batchNote = ""
    if let exported = exportedBatch, let target = options.batch {
      if let batchLostAt {
        throw ONNXImportError(
          "--batch \(target): \(batchLostAt), so the batch of \(exported) the model was exported with cannot be replaced; export it at batch \(target) or with a dynamic batch dimension"
        )
      }
      for index in layers.indices {
        try GraphWalker.rescale(&layers[index], field: layerBatchFields[index], from: exported, to: target)
      }
      batchNote = "; batch \(exported) of the export rescaled to \(target)"
    }
    // A chain: layer 0 reads the graph input and every later layer the output of the one
    // before it (through shape-only operators). Branches (residual adds, attention's three
    // projections of one input) make the layers independent workloads.
    let isChain = layerInputSources.enumerated().allSatisfy { index, source in
      source == (index == 0 ? ValueState.graphInput : index - 1)
    }
    let producer = [model.producerName, model.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
    var details = ["ONNX IR \(model.irVersion)"]
    if let opset = model.opsetVersion { details.append("opset \(opset)") }
    if !producer.isEmpty { details.append("from \(producer)") }
    var note =
      "imported from \(file) (\(details.joined(separator: ", "))): \(model.graph.nodes.count) nodes, \(layers.count) layers"
    if unfoldedActivations > 0 {
      note += "; \(unfoldedActivations) activation nodes had no layer to fold into and are not simulated"
    }
    note += batchNote
    var trace = NetworkTrace(
      name: name, topology: isChain ? .chain : .independent, provenance: Provenance(source: "onnx-import", note: note),
      layers: layers)
    if isChain, (try? trace.validate()) == nil { trace.topology = .independent }
    do {
      try trace.validate()
    } catch {
      throw ONNXImportError("the imported trace is invalid at \(error.path): \(error.message)")
    }
    return trace
  }

  /// Replaces the exported batch by `target` in the quantity of `layer` that carries it.
  static func rescale(_ layer: inout TraceLayer, field: BatchField, from exported: Int, to target: Int) throws(ONNXImportError) {
    func scaled(_ value: Int, _ what: String) throws(ONNXImportError) -> Int {
      guard value % exported == 0 else {
        throw ONNXImportError(
          "--batch: layer \"\(layer.name)\" has \(what) \(value), not a multiple of the exported batch \(exported); export the model at the batch you want"
        )
      }
      let (result, overflow) = (value / exported).multipliedReportingOverflow(by: target)
      guard !overflow, result <= TraceLimits.maximumDimension else {
        throw ONNXImportError(
          "--batch \(target): layer \"\(layer.name)\" would have \(what) above \(TraceLimits.maximumDimension)")
      }
      return result
    }
    switch (field, layer.operation) {
    case (.none, _): return
    case (.batch, _): layer.batch = try scaled(layer.batch, "batch")
    case (.m, .gemm(var shape, let groups)):
      shape.m = try scaled(shape.m, "M")
      layer.operation = .gemm(shape, groups: groups)
    case (.n, .gemm(var shape, let groups)):
      shape.n = try scaled(shape.n, "N")
      layer.operation = .gemm(shape, groups: groups)
    case (.groups, .gemm(let shape, let groups)):
      layer.operation = .gemm(shape, groups: try scaled(groups, "product count"))
    default:
      throw ONNXImportError("--batch: layer \"\(layer.name)\" carries the batch where it cannot be rescaled")
    }
  }
}
