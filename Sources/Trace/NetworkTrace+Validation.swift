import AxJSON

extension NetworkTrace {
  /// Checks what the JSON types alone cannot: each layer's geometry is possible (a grouped
  /// convolution's groups divide its channels and filters), per-neuron precisions have one
  /// entry per neuron, parameters one weight per connection of every group, workloads stay
  /// under `TraceLimits` (counting every group's product), names are unique, and in a chain
  /// each layer consumes exactly what the previous one produces.
  /// - Parameter layerNodes: the layers' JSON nodes, to name the offending key; nil for a
  ///   trace built in code.
  public func validate(layerNodes: [JSONNode]? = nil) throws(JSONDecodeError) {
    func fail(_ index: Int, _ message: String) -> JSONDecodeError {
      if let layerNodes { return layerNodes[index].error(message) }
      return JSONDecodeError(file: nil, path: "layers[\(index)]", message: message)
    }
    var names: Set<String> = []
    for (index, layer) in layers.enumerated() {
      guard !layer.name.isEmpty else { throw fail(index, "key name: a layer needs a non-empty name") }
      guard names.insert(layer.name).inserted else {
        throw fail(index, "key name: \"\(layer.name)\" is used by an earlier layer; names must be unique")
      }
      if case .conv2d(let conv) = layer.operation {
        guard conv.groups >= 1, conv.input.channels % conv.groups == 0, conv.filters % conv.groups == 0 else {
          throw fail(
            index,
            "key groups: \(conv.groups) groups must divide both the \(conv.input.channels) input channels and the \(conv.filters) filters of layer \"\(layer.name)\""
          )
        }
      }
      if case .gemm(_, let groups) = layer.operation, !(1...TraceLimits.maximumDimension).contains(groups) {
        throw fail(index, "key groups: expected 1...\(TraceLimits.maximumDimension) independent products, found \(groups)")
      }
      guard let output = layer.outputShape else {
        throw fail(index, "the kernel or window of layer \"\(layer.name)\" is larger than its padded input \(layer.inputShape)")
      }
      if case .gemm = layer.operation, layer.batch != 1 {
        throw fail(index, "key batch: a gemm layer's M already counts every row; expected batch 1")
      }
      // Element counts first, overflow-checked: everything after multiplies them.
      let (elements, overflow) = (output.checkedElementCount ?? Int.max).multipliedReportingOverflow(by: layer.batch)
      guard layer.inputShape.checkedElementCount != nil, !overflow, elements <= TraceLimits.maximumMACsPerLayer else {
        throw fail(index, "layer \"\(layer.name)\" produces more than 2^50 values; see docs/limits.md")
      }
      if layer.sparsity != nil, case .pool = layer.operation {
        throw fail(index, "key sparsity: a pooling layer has no weights")
      }
      if case .pool = layer.operation {
      } else if layer.gemm == nil {
        throw fail(index, "layer \"\(layer.name)\" has more than 2^50 multiply-accumulates; see docs/limits.md")
      }
      if let gemm = layer.gemm {
        let (mn, overflowMN) = gemm.m.multipliedReportingOverflow(by: gemm.n)
        let (mnk, overflowMNK) = mn.multipliedReportingOverflow(by: gemm.k)
        let (macs, overflowGroups) = mnk.multipliedReportingOverflow(by: layer.gemmGroups)
        guard !overflowMN, !overflowMNK, !overflowGroups, macs <= TraceLimits.maximumMACsPerLayer,
          gemm.m <= TraceLimits.maximumDimension
        else {
          let grouping = layer.gemmGroups > 1 ? "\(layer.gemmGroups) × " : ""
          throw fail(
            index, "layer \"\(layer.name)\" has more than 2^50 multiply-accumulates (\(grouping)\(gemm)); see docs/limits.md")
        }
      }
      let neurons = layer.neuronCount
      for (key, bits) in [("input_bits", layer.precision.inputBits), ("weight_bits", layer.precision.weightBits)]
      where bits.count != 1 && bits.count != neurons {
        throw fail(index, "key precision.\(key): expected 1 value or one per neuron (\(neurons)), found \(bits.count)")
      }
      if let parameters = layer.parameters {
        guard let gemm = layer.gemm else { throw fail(index, "key parameters: a pooling layer has no weights") }
        let neurons = layer.gemmGroups * gemm.n
        guard parameters.weights.count == neurons * gemm.k, parameters.biases.count == neurons else {
          throw fail(
            index,
            "key parameters: expected \(neurons * gemm.k) weights and \(neurons) biases for \(neurons) neurons of fan-in \(gemm.k), found \(parameters.weights.count) and \(parameters.biases.count)"
          )
        }
      }
      if topology == .chain, index > 0, let previous = layers[index - 1].outputShape {
        let input = layer.inputShape
        let matches: Bool
        switch layer.operation {
        case .dense, .gemm: matches = input.elementCount == previous.elementCount
        case .conv2d, .pool: matches = input == previous
        }
        guard matches else {
          throw fail(
            index,
            "layer \"\(layer.name)\" expects input \(input) but \"\(layers[index - 1].name)\" produces \(previous); set \"topology\": \"independent\" if the layers are not a chain"
          )
        }
        guard layer.batch == layers[index - 1].batch else {
          throw fail(index, "key batch: \(layer.batch) differs from the previous layer's \(layers[index - 1].batch) in a chain")
        }
      }
    }
  }
}
