import SimKernel
import Trace

/// Labelled samples: one row of features per sample and its class.
public struct Dataset: Equatable, Sendable {
  /// The data set's name (`digits`).
  public var name: String
  /// One row per sample.
  public var features: Matrix
  /// The class of each sample, 0..<classes.
  public var labels: [Int]
  /// The number of classes.
  public var classes: Int
  /// The shape of one sample (an 8×8 image is 1×8×8; a feature vector n×1×1).
  public var sampleShape: TensorShape

  /// A data set; labels must lie in 0..<classes and match the rows.
  public init(name: String, features: Matrix, labels: [Int], classes: Int, sampleShape: TensorShape) throws(NeuralEngineError) {
    guard features.rows == labels.count else {
      throw .invalidData(file: name, message: "\(features.rows) samples but \(labels.count) labels")
    }
    guard sampleShape.elementCount == features.columns else {
      throw .invalidData(
        file: name,
        message: "a sample of shape \(sampleShape) needs \(sampleShape.elementCount) features, found \(features.columns)")
    }
    guard classes >= 2, labels.allSatisfy({ (0..<classes).contains($0) }) else {
      throw .invalidData(file: name, message: "labels must lie in 0..<\(classes) with at least 2 classes")
    }
    self.name = name
    self.features = features
    self.labels = labels
    self.classes = classes
    self.sampleShape = sampleShape
  }

  /// The number of samples.
  public var samples: Int { labels.count }

  /// The samples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> Dataset {
    // The subset keeps labels and shapes valid by construction.
    var copy = self
    copy.features = features.gathering(rows: indices[...])
    copy.labels = indices.map { labels[$0] }
    return copy
  }
}

/// A data set split into a training and a test part, normalised with statistics of the
/// training part only.
public struct DatasetSplit: Equatable, Sendable {
  /// The training samples.
  public var train: Dataset
  /// The held-out test samples.
  public var test: Dataset
  /// How features were normalised, for provenance.
  public var normalization: Normalization

  /// How features are scaled before training.
  public enum Normalization: String, Equatable, Sendable {
    /// Divided by the largest value of the training part (pixels: zeros stay zeros).
    case unitRange = "unit-range"
    /// Each feature shifted by the training mean and scaled by the training standard deviation.
    case standardScore = "z-score"
  }

  /// The seed every split uses, so a data set's test samples are the same in every experiment.
  public static let splitSeed: UInt64 = 42

  /// A stratified split: in each class, a seeded shuffle, then `testFraction` of it to the test
  /// part (rounded), the rest to training.
  public static func stratified(_ data: Dataset, testFraction: Double = 0.25, normalization: Normalization)
    throws(NeuralEngineError) -> DatasetSplit
  {
    guard testFraction > 0, testFraction < 1 else { throw .invalidTraining("test fraction \(testFraction) outside (0, 1)") }
    var generator = SplitMix64(seed: splitSeed)
    var trainIndices: [Int] = []
    var testIndices: [Int] = []
    for label in 0..<data.classes {
      var members = data.labels.indices.filter { data.labels[$0] == label }
      members.shuffle(using: &generator)
      let testCount = Int((Double(members.count) * testFraction).rounded())
      testIndices += members.prefix(testCount)
      trainIndices += members.dropFirst(testCount)
    }
    guard !testIndices.isEmpty, !trainIndices.isEmpty else {
      throw .invalidData(
        file: data.name,
        message:
          "\(data.samples) samples in \(data.classes) classes leave an empty \(testIndices.isEmpty ? "test" : "training") part at a \(Int((testFraction * 100).rounded())) % test split; a class needs a few samples in each part"
      )
    }
    trainIndices.sort()
    testIndices.sort()
    var train = data.subset(trainIndices)
    var test = data.subset(testIndices)
    normalise(&train, &test, normalization)
    return DatasetSplit(train: train, test: test, normalization: normalization)
  }

  static func normalise(_ train: inout Dataset, _ test: inout Dataset, _ normalization: Normalization) {
    let columns = train.features.columns
    switch normalization {
    case .unitRange:
      let largest = max(train.features.values.map(abs).max() ?? 1, 1e-12)
      for index in train.features.values.indices { train.features.values[index] /= largest }
      for index in test.features.values.indices { test.features.values[index] /= largest }
    case .standardScore:
      for column in 0..<columns {
        var mean: Double = 0
        for row in 0..<train.samples { mean += Double(train.features[row, column]) }
        mean /= Double(max(1, train.samples))
        var variance: Double = 0
        for row in 0..<train.samples {
          variance += (Double(train.features[row, column]) - mean) * (Double(train.features[row, column]) - mean)
        }
        let deviation = max((variance / Double(max(1, train.samples))).squareRoot(), 1e-12)
        for row in 0..<train.samples {
          train.features[row, column] = Float((Double(train.features[row, column]) - mean) / deviation)
        }
        for row in 0..<test.samples {
          test.features[row, column] = Float((Double(test.features[row, column]) - mean) / deviation)
        }
      }
    }
  }
}
