/// A parameter of an arithmetic model that lies outside the range the model is defined for.
///
/// Thrown by the models' initializers (the only place a caller's choice is validated, so the
/// hot `multiply` functions never need to check or trap). The description reads, for example,
/// `DRUMMultiplier: k = 2, expected 3...16 (the leading one, a kept bit and the forced one, within the n-bit operand)`.
public struct ArithmeticError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The model whose parameter was rejected, such as `DRUMMultiplier`.
  public let model: String
  /// The parameter as the initializer spells it, such as `k`.
  public let parameter: String
  /// The rejected value, as text.
  public let value: String
  /// The values the model accepts and why, such as `3...16 (…)`.
  public let expected: String

  /// An error for `model`'s `parameter`, which was `value` but must be `expected`.
  public init(model: String, parameter: String, value: String, expected: String) {
    self.model = model
    self.parameter = parameter
    self.value = value
    self.expected = expected
  }

  /// One line: the model, the parameter, its value and what was expected.
  public var description: String { "\(model): \(parameter) = \(value), expected \(expected)" }
}
