import NeuralEngine
import Testing
import Trace

@Suite struct NetworkSpecificationTests {
  /// A typo that adds zeros must end with a message, before gigabytes are allocated.
  @Test(arguments: [
    ("64-1000000-1000000-10", nil as String?, "weights and biases"),
    ("64-10", "4096c64p64", "values per sample"),
  ])
  func oversizedNetworksAreRefusedBeforeAllocation(dense: String, convolution: String?, fragment: String) throws {
    let specification = try NetworkSpecification(dense: dense, convolution: convolution)
    do {
      _ = try specification.build(name: "huge", inputShape: TensorShape(channels: 1, height: 8, width: 8), classes: 10, seed: 1)
      Issue.record("built \(dense) \(convolution ?? "")")
    } catch {
      #expect(error.description.contains(fragment), "\(error)")
    }
  }

  @Test func theSameSeedBuildsTheSameWeights() throws {
    let specification = try NetworkSpecification(dense: "96-32-10", convolution: "6c3p1,maxpool2")
    func build(_ seed: UInt64) throws -> Network {
      try specification.build(name: "n", inputShape: TensorShape(channels: 1, height: 8, width: 8), classes: 10, seed: seed)
    }
    #expect(try build(3) == build(3))
    #expect(try build(3) != build(4))
  }
}
