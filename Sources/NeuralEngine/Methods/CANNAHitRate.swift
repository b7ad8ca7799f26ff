/// How often CANNA's multiplier ran in approximate mode, layer by layer, on the operands a
/// forward pass actually met (CANNA Table IV's "approximation hit rate": approximate-mode
/// products over all products).
///
/// Counts come from the forward passes run with an `EvaluationContext` (or a training session)
/// under `.canna(n)` layers; layers under any other arithmetic, and pooling layers, count
/// nothing. A zero operand counts as a hit (`Arithmetic.CANNAMultiplier`'s convention).
public struct CANNAUsage: Equatable, Sendable {
  /// Products run in approximate mode, per layer in layer order.
  public var hits: [Int]
  /// Products computed under CANNA, per layer in layer order.
  public var products: [Int]

  /// Usage with these counts (one entry per layer in each array).
  public init(hits: [Int], products: [Int]) {
    self.hits = hits
    self.products = products
  }

  /// No products in `layers` layers.
  public static func none(layers: Int) -> CANNAUsage {
    CANNAUsage(hits: Array(repeating: 0, count: layers), products: Array(repeating: 0, count: layers))
  }

  /// The hit rate of each layer, 0...1; nil for a layer that computed no CANNA product.
  public var layerHitRates: [Double?] {
    zip(hits, products).map { hits, products in products > 0 ? Double(hits) / Double(products) : nil }
  }

  /// The hit rate over all CANNA products, each layer weighted by its product count; 0 when
  /// there were none (an exact network runs nothing in approximate mode).
  public var overallHitRate: Double {
    let total = products.reduce(0, +)
    return total > 0 ? Double(hits.reduce(0, +)) / Double(total) : 0
  }

  /// The counts of `self` minus those of `earlier` (same layer count), e.g. one phase of a run.
  public func subtracting(_ earlier: CANNAUsage) -> CANNAUsage {
    guard earlier.hits.count == hits.count else { return self }
    return CANNAUsage(hits: zip(hits, earlier.hits).map { $0 - $1 }, products: zip(products, earlier.products).map { $0 - $1 })
  }

  /// Element-wise sum of two usages over the same layers.
  public func adding(_ other: CANNAUsage) -> CANNAUsage {
    guard other.hits.count == hits.count else { return hits.isEmpty ? other : self }
    return CANNAUsage(hits: zip(hits, other.hits).map { $0 + $1 }, products: zip(products, other.products).map { $0 + $1 })
  }
}

extension EvaluationContext {
  /// CANNA hits and products counted since the context was made or last reset, per layer
  /// (empty before the first forward pass).
  public var cannaUsage: CANNAUsage {
    CANNAUsage(hits: layerStates.map(\.cannaHits), products: layerStates.map(\.cannaProducts))
  }

  /// Sets the CANNA counters to zero (keeps NTV state).
  public mutating func resetCANNAUsage() {
    for index in layerStates.indices {
      layerStates[index].cannaHits = 0
      layerStates[index].cannaProducts = 0
    }
  }
}

extension Network {
  /// Accuracy, cross-entropy and output error on `data` under `arithmetic`, with the CANNA
  /// hits and products of this evaluation alone, per layer.
  public func evaluateCANNA(on data: Dataset, arithmetic: NetworkArithmetic) throws(NeuralEngineError)
    -> (metrics: EvaluationMetrics, usage: CANNAUsage)
  {
    var context = EvaluationContext(seed: 0)
    let metrics = try evaluate(on: data, arithmetic: arithmetic, context: &context)
    let usage = context.layerStates.count == layers.count ? context.cannaUsage : .none(layers: layers.count)
    return (metrics, usage)
  }

  /// Every layer with parameters under CANNA with its entry of `tuningBits` (nil: exact);
  /// pooling layers exact. Throws if the count differs from the layer count or a setting lies
  /// outside the multiplier's 0...22.
  public func cannaArithmetic(tuningBits: [Int?]) throws(NeuralEngineError) -> NetworkArithmetic {
    guard tuningBits.count == layers.count else {
      throw .invalidArithmetic("\(tuningBits.count) CANNA tuning-bit settings for the \(layers.count) layers of network \(name)")
    }
    return NetworkArithmetic(
      layers: try layers.indices.map { (index: Int) throws(NeuralEngineError) -> LayerArithmetic in
        guard layers[index].parameters != nil, let bits = tuningBits[index] else { return .exact }
        guard (0...22).contains(bits) else {
          throw .invalidArithmetic("layer \(index + 1): \(bits) CANNA tuning bits outside 0...22 (the 23-bit fraction)")
        }
        return LayerArithmetic(multiplier: .canna(tuningBits: bits))
      })
  }
}
