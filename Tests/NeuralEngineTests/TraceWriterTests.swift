import AxJSON
import NeuralEngine
import Testing
import Trace

@Suite struct TraceWriterTests {
  func trace(_ pair: (Network, DatasetSplit)) throws -> NetworkTrace {
    let statistics = try OperandStatisticsCollector.measure(pair.0, on: pair.1.test)
    return TraceWriter.trace(
      for: pair.0, arithmetic: nil, statistics: statistics, batch: 1,
      provenance: Provenance(source: "axsim nn train", dataset: "digits", seed: 1, epochs: 30, testAccuracy: 0.96))
  }

  @Test func traceRoundTripsToTheSameNetworkAndValidates() throws {
    let pair = try #require(BundledData.digitsMLP)
    let written = try trace(pair)
    try written.validate()
    let text = JSONWriter().string(written.jsonValue)
    let read = try NetworkTrace(json: JSONNode(root: try JSONParser.parse(text), file: "t.json"))
    #expect(read == written)
    #expect(try Network(trace: read) == pair.0)
  }

  @Test func statisticsComeFromRealOperands() throws {
    let pair = try #require(BundledData.digitsMLP)
    let written = try trace(pair)
    let first = written.layers[0].statistics
    // About half the pixels of the 8x8 digits are blank; ReLU zeroes many hidden inputs.
    #expect((first.zeroInputFraction ?? 0) > 0.3)
    #expect((written.layers[1].statistics.zeroInputFraction ?? 0) > 0.1)
    // With zero tuning bits every product is approximate; hit rates never rise with n, and
    // zero inputs keep them far above the 2^-n of uniform fractions.
    let hits = first.cannaHitRate.map(\.value)
    #expect(hits.first == 1)
    #expect(zip(hits, hits.dropFirst()).allSatisfy { $0 >= $1 })
    #expect((first.cannaHitRate(tuningBits: 4) ?? 0) > 1.0 / 16)
    // DRUM's error on real operands shrinks with k. It is not unbiased here: pixels are
    // multiples of 1/16, so the bits DRUM drops are zeros and its forced 1 rounds every
    // truncated pixel up (the uniform-operand table of docs/arithmetic.md does not apply).
    let drum = first.drumMeanRelativeError.map { abs($0.value) }
    #expect(drum.count == 5)
    #expect(zip(drum, drum.dropFirst()).allSatisfy { $0 > $1 }, "\(drum)")
    #expect(drum[0] > 0.01, "k=4 on pixels: \(drum[0])")
    #expect((first.meanInputBits ?? 0) > 0 && (first.meanInputBits ?? 99) <= 16)
  }

  @Test func sameSeedGivesIdenticalWeightsAndTraceBytes() throws {
    let a = try BundledData.trained(.iris, dense: "4-8-3", epochs: 5, seed: 9)
    let b = try BundledData.trained(.iris, dense: "4-8-3", epochs: 5, seed: 9)
    #expect(a.0 == b.0)
    #expect(JSONWriter().string(try trace(a).jsonValue) == JSONWriter().string(try trace(b).jsonValue))
    let c = try BundledData.trained(.iris, dense: "4-8-3", epochs: 5, seed: 10)
    #expect(a.0 != c.0)
  }
}
