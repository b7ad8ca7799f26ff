/// A trace layer FlexFlow cannot execute as written.
public struct FlexFlowMappingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The layer's position in the trace (-1 for a problem of the whole trace).
  public var layerIndex: Int
  /// The layer's name.
  public var layer: String
  /// What is wrong and what to do.
  public var message: String

  /// An error.
  public init(layerIndex: Int, layer: String, message: String) {
    self.layerIndex = layerIndex
    self.layer = layer
    self.message = message
  }

  public var description: String { layerIndex < 0 ? message : "layers[\(layerIndex)] (\(layer)): \(message)" }
}
