/// Sample moments of a stream of values, with the standard errors the statistical tolerances
/// are built from.
struct RunningMoments {
  private(set) var count = 0
  private var sum = 0.0
  private var sumOfSquares = 0.0
  private var sumOfCubes = 0.0
  private var sumOfFourthPowers = 0.0
  /// The smallest and largest values seen.
  private(set) var minimum = Double.infinity
  private(set) var maximum = -Double.infinity

  mutating func add(_ value: Double) {
    count += 1
    sum += value
    let square = value * value
    sumOfSquares += square
    sumOfCubes += square * value
    sumOfFourthPowers += square * square
    minimum = min(minimum, value)
    maximum = max(maximum, value)
  }

  var mean: Double { sum / Double(count) }
  /// The population variance of the sample, E[x²] − E[x]².
  var variance: Double { max(0, sumOfSquares / Double(count) - mean * mean) }
  var standardDeviation: Double { variance.squareRoot() }
  /// The standard error of `mean`: σ/√N.
  var standardErrorOfMean: Double { standardDeviation / Double(count).squareRoot() }
  /// The standard error of `standardDeviation` (delta method): √((μ4 − σ⁴) / (4σ²N)), with μ4
  /// the fourth central moment.
  var standardErrorOfStandardDeviation: Double {
    let n = Double(count)
    let m = mean
    let centralFourth =
      sumOfFourthPowers / n - 4 * m * sumOfCubes / n + 6 * m * m * sumOfSquares / n - 3 * m * m * m * m
    return (max(0, centralFourth - variance * variance) / (4 * variance * n)).squareRoot()
  }
}

/// A number as a paper or table prints it: its value and half a unit in its last printed digit,
/// the rounding it may carry.
struct Published: CustomStringConvertible {
  let value: Double
  let halfUnit: Double
  let text: String

  /// "3.615" is 3.615 ± 0.0005.
  init(_ text: String) {
    self.text = text
    value = Double(text) ?? .nan
    let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
    var unit = 1.0
    for _ in 0..<decimals { unit /= 10 }
    halfUnit = unit / 2
  }

  var description: String { text }
}
