import Foundation

/// A layer's trained weights and biases, carried in a trace so that the network it describes
/// can be evaluated again (`axsim nn eval`). Written as base64 of little-endian binary32 values:
/// exact, and a third of the size of decimal text.
public struct LayerParameters: Equatable, Hashable, Sendable {
  /// Weights, one row per output neuron: neurons × fan-in (for a convolution, fan-in is
  /// channels × kernel height × kernel width, channel-major).
  public var weights: [Float]
  /// One bias per output neuron.
  public var biases: [Float]

  /// Parameters.
  public init(weights: [Float], biases: [Float]) {
    self.weights = weights
    self.biases = biases
  }

  /// The values as base64 of little-endian binary32.
  static func encode(_ values: [Float]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * 4)
    for value in values {
      let bits = value.bitPattern.littleEndian
      bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
    }
    return Data(bytes).base64EncodedString()
  }

  /// The values of a base64 string of little-endian binary32, or nil if it is not one.
  static func decode(_ text: String) -> [Float]? {
    guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
    let bytes = [UInt8](data)
    var values: [Float] = []
    values.reserveCapacity(bytes.count / 4)
    for start in stride(from: 0, to: bytes.count, by: 4) {
      let bits = UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
      values.append(Float(bitPattern: bits))
    }
    return values.allSatisfy(\.isFinite) ? values : nil
  }
}
