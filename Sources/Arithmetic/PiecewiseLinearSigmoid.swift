/// The PLAN piecewise-linear approximation of the logistic sigmoid (Amin, Curtis and
/// Hayes-Gill, IEE Proc. Circuits, Devices and Systems 144(6), 1997): four segments whose
/// slopes are powers of two, so hardware needs only shifts and adds.
///
/// | \|x\| | y |
/// |---|---|
/// | [0, 1) | 0.25·\|x\| + 0.5 |
/// | [1, 2.375) | 0.125·\|x\| + 0.625 |
/// | [2.375, 5) | 0.03125·\|x\| + 0.84375 |
/// | [5, ∞) | 1 |
///
/// and y(−x) = 1 − y(x). The largest error against 1/(1 + e^−x) is 0.01894, near |x| = 1.
public enum PiecewiseLinearSigmoid {
  /// The largest absolute error against the true sigmoid.
  public static let maximumError = 0.019

  /// PLAN(x).
  @inlinable
  public static func evaluate(_ x: Float) -> Float {
    let magnitude = abs(x)
    let y: Float
    if magnitude >= 5 {
      y = 1
    } else if magnitude >= 2.375 {
      y = 0.03125 * magnitude + 0.84375
    } else if magnitude >= 1 {
      y = 0.125 * magnitude + 0.625
    } else {
      y = 0.25 * magnitude + 0.5
    }
    return x < 0 ? 1 - y : y
  }
}
