/// A trace layer the GPU cannot execute as written.
public struct GPUMappingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The layer's position in the trace; -1 when the configuration itself is at fault.
  public var layerIndex: Int
  /// The layer's name.
  public var layer: String
  /// What is wrong and what to do.
  public var message: String

  /// One line naming the layer (or the config) and what to do.
  public var description: String {
    layerIndex < 0 ? "gpu config: \(message)" : "layers[\(layerIndex)] (\(layer)): \(message)"
  }
}
