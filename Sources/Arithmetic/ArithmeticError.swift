/// A parameter of an arithmetic model that lies outside the range the model is defined for.
public enum ArithmeticError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The parameter and what is wrong with it.
  case invalidParameter(String)

  public var description: String {
    switch self {
    case .invalidParameter(let message): return message
    }
  }
}
