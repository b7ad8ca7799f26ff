import Arithmetic
import Foundation
import Testing

@Suite struct PiecewiseLinearSigmoidTests {
  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  @Test func errorStaysUnderTheDocumentedBoundAndReachesItAtOne() {
    var largest = 0.0
    var whereLargest: Float = 0
    for step in -120_000...120_000 {
      let x = Float(step) / 10_000
      let error = abs(Double(PiecewiseLinearSigmoid.evaluate(x)) - Self.sigmoid(Double(x)))
      if error > largest { (largest, whereLargest) = (error, x) }
    }
    #expect(largest <= PiecewiseLinearSigmoid.maximumError, "largest error \(largest) at \(whereLargest)")
    #expect(largest > 0.01894 && abs(whereLargest) == 1, "the bound is tight: \(largest) at \(whereLargest)")
  }

  /// Inside a segment the error peaks where σ′(x) equals the slope s: σ = (1 + √(1 − 4s))/2.
  @Test(arguments: [(Float(0.125), -0.0082, 1.763), (0.03125, -0.0177, 3.400)])
  func interiorExtremesAreWhereTheSlopeMeetsTheDerivative(slope: Float, error: Double, at x: Double) {
    let sigma = (1 + (1 - 4 * Double(slope)).squareRoot()) / 2
    let tangentPoint = log(sigma / (1 - sigma))
    #expect(abs(tangentPoint - x) < 0.001)
    let measured = Double(PiecewiseLinearSigmoid.evaluate(Float(tangentPoint))) - sigma
    #expect(abs(measured - error) < 0.0001, "error \(measured) at \(tangentPoint)")
  }

  @Test func isSymmetricMonotonicAndSaturates() {
    var previous: Float = 0
    for step in -8_000...8_000 {
      let x = Float(step) / 1_000
      let y = PiecewiseLinearSigmoid.evaluate(x)
      #expect(abs(PiecewiseLinearSigmoid.evaluate(-x) - (1 - y)) < 1e-6, "x = \(x)")
      // The one published discontinuity: a step down at |x| = 2.375, so a step up at −2.375.
      #expect(y >= previous || x == 2.375 || x == -2.374, "x = \(x)")
      previous = y
    }
    #expect(PiecewiseLinearSigmoid.evaluate(0) == 0.5)
    #expect(PiecewiseLinearSigmoid.evaluate(1) == 0.75 && PiecewiseLinearSigmoid.evaluate(5) == 1)
    #expect(PiecewiseLinearSigmoid.evaluate(9) == 1 && PiecewiseLinearSigmoid.evaluate(-9) == 0)
    #expect(PiecewiseLinearSigmoid.evaluate(.nan).isNaN)
  }

  @Test func stepsDownByTwoToTheMinusEightAtTheSecondBreakpoint() {
    let below = PiecewiseLinearSigmoid.evaluate(Float(2.375).nextDown)
    let at = PiecewiseLinearSigmoid.evaluate(2.375)
    #expect(abs(Double(below - at) - 0x1.0p-8) < 1e-6, "below \(below), at \(at)")
    #expect(PiecewiseLinearSigmoid.breakpoints == [1, 2.375, 5])
  }
}
