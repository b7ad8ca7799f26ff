import Arithmetic
import Foundation
import Testing

@Suite struct PiecewiseLinearSigmoidTests {
  @Test func errorStaysUnderTheDocumentedBound() {
    var largest = 0.0
    for step in -100_000...100_000 {
      let x = Float(step) / 10_000
      let error = abs(Double(PiecewiseLinearSigmoid.evaluate(x)) - 1 / (1 + exp(-Double(x))))
      largest = max(largest, error)
    }
    #expect(largest <= PiecewiseLinearSigmoid.maximumError)
    #expect(largest > 0.018, "the bound is tight")
  }

  @Test func isSymmetricAndSaturates() {
    for x: Float in [0.3, 1.7, 3.1, 6] {
      #expect(abs(PiecewiseLinearSigmoid.evaluate(-x) - (1 - PiecewiseLinearSigmoid.evaluate(x))) < 1e-6)
    }
    #expect(PiecewiseLinearSigmoid.evaluate(0) == 0.5)
    #expect(PiecewiseLinearSigmoid.evaluate(9) == 1)
  }
}
