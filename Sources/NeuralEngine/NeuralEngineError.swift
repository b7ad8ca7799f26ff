/// Something the NN engine cannot do as asked, phrased for a user.
public enum NeuralEngineError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A topology or layer specification that is not a network.
  case invalidTopology(String)
  /// A data file that cannot be read as the expected format.
  case invalidData(file: String, message: String)
  /// An arithmetic setting outside what its model supports.
  case invalidArithmetic(String)
  /// A training setting outside its range.
  case invalidTraining(String)

  public var description: String {
    switch self {
    case .invalidTopology(let message): return "topology: \(message)"
    case .invalidData(let file, let message): return "\(file): \(message)"
    case .invalidArithmetic(let message): return "arithmetic: \(message)"
    case .invalidTraining(let message): return "training: \(message)"
    }
  }
}
