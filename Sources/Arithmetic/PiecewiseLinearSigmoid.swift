/// The PLAN piecewise-linear approximation of the logistic sigmoid 1/(1 + e^−x).
///
/// Amin, Curtis and Hayes-Gill, "Piecewise linear approximation applied to nonlinear function of
/// a neural network", IEE Proceedings: Circuits, Devices and Systems 144(6), 1997: four segments
/// whose slopes are powers of two, so hardware needs only shifts and adds. AxNN §7 replaces
/// resilient neurons' activations by such a piecewise-linear function.
///
/// | \|x\| | y(\|x\|) | slope |
/// |---|---|---|
/// | [0, 1) | 0.25·\|x\| + 0.5 | 2^−2 |
/// | [1, 2.375) | 0.125·\|x\| + 0.625 | 2^−3 |
/// | [2.375, 5) | 0.03125·\|x\| + 0.84375 | 2^−5 |
/// | [5, ∞) | 1 | 0 |
///
/// and y(−x) = 1 − y(x). The largest error against the sigmoid is 0.018941 (= 0.75 − σ(1)), at
/// x = ±1; inside the segments the extremes are −0.0082 near |x| = 1.763 and −0.0177 near
/// |x| = 3.400, where σ′ equals the slope. PLAN is continuous except at |x| = 2.375, where it
/// steps down by 2^−8 (0.921875 to 0.91796875), as published.
public enum PiecewiseLinearSigmoid {
  /// An upper bound on |PLAN(x) − σ(x)| over all x, for `Float` evaluation (the exact
  /// maximum is 0.0189414 at x = ±1).
  public static let maximumError = 0.018942

  /// The segment boundaries on |x|, in increasing order.
  public static let breakpoints: [Float] = [1, 2.375, 5]

  /// PLAN(x), in [0, 1]: 0 for x ≤ −5, 1 for x ≥ 5, NaN for NaN.
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
