import Foundation
import SimKernel
import Trace

/// A small dependency-free random source for property tests: each case gets its own seed,
/// and the seed goes into every failure message so a failing case can be replayed alone.
struct CaseRandom {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D ^ 0x9E37_79B9_7F4A_7C15) }

  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(generator.next() % UInt64(range.count))
  }

  mutating func chance(_ probability: Double) -> Bool { generator.nextUnitDouble() < probability }
}

/// Paths inside the repository, found from this file's location.
enum Repository {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func text(_ relative: String) throws -> String {
    try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
  }
}

/// LeNet-5 as traces/lenet5.json describes it (built here so the mapper tests do not read files).
func lenet5() -> NetworkTrace {
  func conv(_ name: String, _ channels: Int, _ size: Int, _ filters: Int) -> TraceLayer {
    TraceLayer(
      name: name,
      operation: .conv2d(
        ConvolutionShape(
          input: TensorShape(channels: channels, height: size, width: size), kernelHeight: 5, kernelWidth: 5, filters: filters)),
      activation: .tanh)
  }
  func pool(_ name: String, _ channels: Int, _ size: Int) -> TraceLayer {
    TraceLayer(
      name: name,
      operation: .pool(
        PoolShape(kind: .avgpool, input: TensorShape(channels: channels, height: size, width: size), size: 2, stride: 2)))
  }
  return NetworkTrace(
    name: "lenet5", topology: .chain, provenance: Provenance(source: "test"),
    layers: [
      conv("conv1", 1, 32, 6), pool("pool1", 6, 28), conv("conv2", 6, 14, 16), pool("pool2", 16, 10),
      TraceLayer(name: "fc1", operation: .dense(inputs: 400, outputs: 120), activation: .tanh),
      TraceLayer(name: "fc2", operation: .dense(inputs: 120, outputs: 84), activation: .tanh),
      TraceLayer(name: "fc3", operation: .dense(inputs: 84, outputs: 10), activation: .softmax),
    ])
}
