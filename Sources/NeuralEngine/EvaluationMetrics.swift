import Foundation

/// How well a network classifies a data set under some arithmetic.
public struct EvaluationMetrics: Equatable, Sendable {
  /// Fraction of samples whose most probable class is the label.
  public var accuracy: Double
  /// Mean −log p(label): the training loss on held-out data.
  public var crossEntropy: Double
  /// Mean squared distance between the class probabilities and the one-hot target (the Brier
  /// score over the classes): the output error a noisy datapath adds to, even when the
  /// winning class survives.
  public var outputError: Double
}

extension Network {
  /// Accuracy, cross-entropy and output error on `data` under `arithmetic` (exact when nil).
  public func evaluate(on data: Dataset, arithmetic: NetworkArithmetic? = nil, context: inout EvaluationContext)
    throws(NeuralEngineError) -> EvaluationMetrics
  {
    try checkCompatible(with: data)
    guard data.samples > 0 else { return EvaluationMetrics(accuracy: 0, crossEntropy: 0, outputError: 0) }
    var correct = 0
    var crossEntropy = 0.0
    var outputError = 0.0
    let batch = 512
    var start = 0
    while start < data.samples {
      let end = min(data.samples, start + batch)
      let probabilities = try probabilities(data.features.rows(start..<end), arithmetic: arithmetic, context: &context)
      for row in 0..<(end - start) {
        let label = data.labels[start + row]
        if probabilities.argmax(row: row) == label { correct += 1 }
        crossEntropy -= log(Double(max(probabilities[row, label], 1e-12)))
        for column in 0..<probabilities.columns {
          let target: Double = column == label ? 1 : 0
          let difference = Double(probabilities[row, column]) - target
          outputError += difference * difference
        }
      }
      start = end
    }
    let count = Double(data.samples)
    return EvaluationMetrics(
      accuracy: Double(correct) / count, crossEntropy: crossEntropy / count, outputError: outputError / count)
  }
}
