import Trace

/// Turns a trained network into the trace the hardware models run: its layers and shapes, the
/// arithmetic of each layer, the statistics of its real operands, its weights, and where it
/// came from.
public enum TraceWriter {
  /// The trace of `network`.
  /// - Parameters:
  ///   - arithmetic: the hardware arithmetic per layer (nil: 16-bit fixed point, exact
  ///     multipliers, nominal storage: what an unapproximated accelerator runs).
  ///   - statistics: per-layer operand statistics (from `OperandStatisticsCollector`).
  ///   - batch: samples the accelerator processes together.
  public static func trace(
    for network: Network, arithmetic: NetworkArithmetic?, statistics: [OperandStatistics]?, batch: Int,
    provenance: Provenance
  ) -> NetworkTrace {
    var layers: [TraceLayer] = []
    for (index, layer) in network.layers.enumerated() {
      let layerArithmetic = arithmetic?.layers[index] ?? .exact
      let name: String
      let operation: LayerOperation
      var activation = Activation.identity
      switch layer {
      case .dense(let dense):
        name = "fc\(index + 1)"
        operation = .dense(inputs: dense.inputs, outputs: dense.outputs)
        activation = dense.activation
      case .convolution(let convolution):
        name = "conv\(index + 1)"
        operation = .conv2d(convolution.shape)
        activation = convolution.activation
      case .pooling(let pooling):
        name = "pool\(index + 1)"
        operation = .pool(pooling.shape)
      }
      layers.append(
        TraceLayer(
          name: name, operation: operation, batch: batch, activation: activation,
          precision: layerArithmetic.precision ?? .full16,
          approximation: ApproximationSettings(
            multiplier: layerArithmetic.multiplier, weightSRAMVoltage: layerArithmetic.weightStorage?.volts),
          statistics: statistics?[index] ?? .none,
          parameters: layer.parameters.map { LayerParameters(weights: $0.weights.values, biases: $0.biases) }))
    }
    return NetworkTrace(name: network.name, topology: .chain, provenance: provenance, layers: layers)
  }
}

extension TraceWriter {
  /// The trace of `network` run under `arithmetic`, with its operand statistics measured on
  /// up to 512 samples of `data` under that same arithmetic (`OperandStatisticsCollector`), so
  /// the zero fractions and bit widths are those of the precision the trace records.
  public static func trace(
    for network: Network, arithmetic: NetworkArithmetic?, measuredOn data: Dataset, batch: Int, provenance: Provenance
  ) throws(NeuralEngineError) -> NetworkTrace {
    let statistics = try OperandStatisticsCollector.measure(network, on: data, arithmetic: arithmetic)
    return trace(for: network, arithmetic: arithmetic, statistics: statistics, batch: batch, provenance: provenance)
  }
}

extension Network {
  /// The network a trace describes, rebuilt from its layers and their parameters, and the
  /// arithmetic the trace records. Refuses what the NN engine cannot evaluate: grouped or
  /// dilated convolutions, padded or rectangular pooling, bare GEMMs (16-bit precision with an exact multiplier evaluates as
  /// 16-bit fixed point; NTV storage as persistent cell failures).
  public init(trace: NetworkTrace) throws(NeuralEngineError) {
    var layers: [NetworkLayer] = []
    for layer in trace.layers {
      switch layer.operation {
      case .pool(let shape):
        guard shape.isSimple else {
          throw .invalidTopology(
            "layer \(layer.name) pools a padded, rectangular or ceil-mode window; the NN engine evaluates square, unpadded pooling only"
          )
        }
        layers.append(.pooling(PoolingLayer(shape: shape)))
      case .dense(let inputs, let outputs):
        guard let parameters = layer.parameters else { throw Self.missingParameters(layer) }
        layers.append(
          .dense(
            DenseLayer(
              inputs: inputs, outputs: outputs, activation: layer.activation,
              weights: Matrix(rows: outputs, columns: inputs, values: parameters.weights), biases: parameters.biases)))
      case .conv2d(let shape):
        guard shape.groups == 1, shape.dilationY == 1, shape.dilationX == 1 else {
          throw .invalidTopology(
            "layer \(layer.name) is a grouped or dilated convolution (groups \(shape.groups), dilation [\(shape.dilationY), \(shape.dilationX)]); the NN engine evaluates ungrouped, undilated convolutions only"
          )
        }
        guard let parameters = layer.parameters else { throw Self.missingParameters(layer) }
        let fanIn = shape.input.channels * shape.kernelHeight * shape.kernelWidth
        layers.append(
          .convolution(
            ConvolutionLayer(
              shape: shape, activation: layer.activation,
              weights: Matrix(rows: shape.filters, columns: fanIn, values: parameters.weights),
              biases: parameters.biases)))
      case .gemm:
        throw .invalidTopology(
          "layer \(layer.name) is a bare or batched GEMM; the NN engine evaluates dense, conv2d and pooling layers")
      }
    }
    try self.init(name: trace.name, layers: layers)
  }

  static func missingParameters(_ layer: TraceLayer) -> NeuralEngineError {
    .invalidTopology("layer \(layer.name) carries no parameters; only traces written by axsim nn can be evaluated")
  }
}

extension NetworkArithmetic {
  /// The arithmetic a trace records for each layer.
  public init(trace: NetworkTrace) {
    self.init(
      layers: trace.layers.map { layer in
        let storage = layer.approximation.weightSRAMVoltage.map { WeightStorage(volts: $0, mode: .persistent) }
        switch layer.approximation.multiplier {
        case .exact, .drum:
          return LayerArithmetic(precision: layer.precision, multiplier: layer.approximation.multiplier, weightStorage: storage)
        case .canna, .mantissa:
          return LayerArithmetic(precision: nil, multiplier: layer.approximation.multiplier, weightStorage: storage)
        }
      })
  }
}
