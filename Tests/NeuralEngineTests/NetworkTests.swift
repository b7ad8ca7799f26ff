import NeuralEngine
import Testing
import Trace

/// What a network refuses to run on: every mismatch a user can cause (a trace evaluated on
/// another data set, an arithmetic for another network) is a typed error, never a trap.
@Suite struct NetworkTests {
  static func irisNetwork() throws -> Network {
    try NetworkSpecification(dense: "4-5-3").build(name: "iris-4-5-3", inputShape: .vector(4), classes: 3, seed: 1)
  }

  @Test func samplesOfAnotherWidthAreRejectedNamingTheDataSet() throws {
    let network = try Self.irisNetwork()
    let wine = try BundledData.split(.wine)
    var context = EvaluationContext(seed: 0)
    do {
      _ = try network.evaluate(on: wine.test, context: &context)
      Issue.record("evaluated a 4-feature network on 13-feature samples")
    } catch {
      guard case .invalidData(let file, let message) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(file == "wine")
      #expect(message.contains("13 features") && message.contains("reads 4"), "\(message)")
    }
    #expect(throws: NeuralEngineError.self) { try network.probabilities(wine.test.features, context: &context) }
  }

  @Test func labelsBeyondTheNetworksClassesAreRejected() throws {
    let network = try NetworkSpecification(dense: "4-5-2").build(name: "two-class", inputShape: .vector(4), classes: 2, seed: 1)
    let iris = try BundledData.split(.iris)
    var context = EvaluationContext(seed: 0)
    #expect(throws: NeuralEngineError.self) { try network.evaluate(on: iris.test, context: &context) }
  }

  @Test func anArithmeticMustFitTheNetwork() throws {
    let network = try Self.irisNetwork()
    let iris = try BundledData.split(.iris)
    var context = EvaluationContext(seed: 0)
    let tooFew = NetworkArithmetic.uniform(.fixedPoint(bits: 8), layers: 1)
    #expect(throws: NeuralEngineError.self) { try network.evaluate(on: iris.test, arithmetic: tooFew, context: &context) }
    // Layer 1 has 5 neurons: 3 per-neuron precisions fit neither one nor each.
    let ragged = NetworkArithmetic(layers: [
      LayerArithmetic(precision: LayerPrecision(inputBits: [8, 8, 8], weightBits: [8])), .exact,
    ])
    #expect(throws: NeuralEngineError.self) { try network.evaluate(on: iris.test, arithmetic: ragged, context: &context) }
    let perNeuron = NetworkArithmetic(layers: [
      LayerArithmetic(precision: LayerPrecision(inputBits: [8, 6, 4, 8, 8], weightBits: [8])), .exact,
    ])
    #expect(try network.evaluate(on: iris.test, arithmetic: perNeuron, context: &context).accuracy >= 0)
  }
}
