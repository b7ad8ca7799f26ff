import NeuralEngine
import TestSupport

/// The bundled data sets, read from the repository and split as `axsim nn` splits them.
enum BundledData {
  /// The digits MLP and the breast-cancer MLP, trained once per test process and shared.
  static let digitsMLP: (Network, DatasetSplit)? = try? trained(.digits, dense: "64-32-10")
  static let cancerMLP: (Network, DatasetSplit)? = try? trained(.breastCancer, dense: "30-64-64-2")
  /// The LeNet-style CNN on the 8×8 digits: two 3×3 convolutions with max pooling, then dense.
  static let digitsCNN: (Network, DatasetSplit)? = try? trained(
    .digits, dense: "64-32-10", convolution: "6c3p1,maxpool2,16c3p1,maxpool2", epochs: 20)

  static func split(_ which: DatasetParser.Bundled) throws -> DatasetSplit {
    let text = try RepositoryPaths.text("Sources/AxSimKit/Datasets/" + which.fileName)
    return try DatasetSplit.stratified(try DatasetParser.bundled(which, csv: text), normalization: which.normalization)
  }

  /// A trained network: the acceptance configurations of docs/neural-engine.md.
  static func trained(
    _ which: DatasetParser.Bundled, dense: String, convolution: String? = nil, epochs: Int = 30, seed: UInt64 = 1
  )
    throws -> (Network, DatasetSplit)
  {
    let data = try split(which)
    let specification = try NetworkSpecification(dense: dense, convolution: convolution)
    var network = try specification.build(
      name: "\(which.rawValue)-\(dense)", inputShape: data.train.sampleShape, classes: data.train.classes, seed: seed)
    try Trainer(configuration: TrainingConfiguration(epochs: epochs, seed: seed)).train(&network, on: data.train)
    return (network, data)
  }
}
