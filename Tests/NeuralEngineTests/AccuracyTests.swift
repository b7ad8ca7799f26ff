import NeuralEngine
import Testing

/// The acceptance networks of issue "[step 2]": real data, fixed seeds, held-out accuracy.
@Suite struct AccuracyTests {
  @Test func digitsMLPReachesNinetyFivePercent() throws {
    let (network, data) = try #require(BundledData.digitsMLP)
    var context = EvaluationContext(seed: 0)
    let accuracy = try network.accuracy(on: data.test, context: &context)
    #expect(accuracy >= 0.95, "digits 64-32-10: \(accuracy)")
  }

  @Test func breastCancerAxTrainTopologyReachesNinetyFivePercent() throws {
    let (network, data) = try #require(BundledData.cancerMLP)
    var context = EvaluationContext(seed: 0)
    let accuracy = try network.accuracy(on: data.test, context: &context)
    #expect(accuracy >= 0.95, "breast cancer 30-64-64-2: \(accuracy)")
  }

  @Test func lenetStyleCNNOnDigitsReachesNinetyFivePercent() throws {
    let (network, data) = try #require(BundledData.digitsCNN)
    var context = EvaluationContext(seed: 0)
    let accuracy = try network.accuracy(on: data.test, context: &context)
    #expect(accuracy >= 0.95, "digits CNN: \(accuracy)")
  }
}
