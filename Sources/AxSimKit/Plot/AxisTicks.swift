import Foundation

/// Where ticks go: at 1, 2 or 5 × 10^k on linear axes, at decades (and 2, 5 between them when
/// the range is short) on logarithmic ones, and which labels of a crowded axis to draw.
enum AxisTicks {
  /// The step between about `count` linear ticks spanning `low…high`: the 1, 2 or 5 × 10^k
  /// whose number of intervals comes closest to `count` (the larger step on a tie).
  static func step(_ low: Double, _ high: Double, count: Int = 5) -> Double {
    guard high > low, (high - low).isFinite else { return 1 }
    let raw = (high - low) / Double(count)
    let magnitude = pow(10, floor(log10(raw)))
    let candidates = [1.0, 2, 5, 10, 20].map { $0 * magnitude }
    func miss(_ step: Double) -> Double { abs((high - low) / step - Double(count)) }
    return candidates.reversed().min { miss($0) < miss($1) - 1e-9 } ?? raw
  }

  /// Multiples of `step` from `low` to `high` (both included when they are multiples).
  static func linear(_ low: Double, _ high: Double, step: Double) -> [Double] {
    guard high > low, step > 0 else { return [low] }
    var ticks: [Double] = []
    var index = (low / step - 1e-9).rounded(.up)
    while index * step <= high + step * 1e-9 {
      let value = index * step
      ticks.append(abs(value) < step * 1e-9 ? 0 : value)
      index += 1
    }
    return ticks
  }

  /// About `count` linear ticks from `low` to `high`.
  static func linear(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    linear(low, high, step: step(low, high, count: count))
  }

  /// The largest of 1, 2, 5 × 10^k at or below `value` (> 0).
  static func niceFloor(_ value: Double) -> Double {
    let decade = pow(10, floor(log10(value) + 1e-12))
    return [5.0, 2, 1].map { $0 * decade }.first { $0 <= value * (1 + 1e-12) } ?? decade
  }

  /// The smallest of 1, 2, 5 × 10^k at or above `value` (> 0).
  static func niceCeiling(_ value: Double) -> Double {
    let decade = pow(10, floor(log10(value) + 1e-12))
    return [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= value * (1 - 1e-12) } ?? 10 * decade
  }

  /// Ticks for a logarithmic axis from `low` to `high` (both > 0): every decade; when fewer
  /// than three decades fall in the range, also 2 and 5 between them and the ends themselves.
  static func logarithmic(_ low: Double, _ high: Double) -> [Double] {
    guard low > 0, high > low else { return [low] }
    let firstDecade = Int(floor(log10(low) + 1e-12))
    let lastDecade = Int(floor(log10(high) + 1e-12))
    let mantissas: [Double] = lastDecade - firstDecade >= 3 ? [1] : [1, 2, 5]
    var ticks: [Double] = []
    for decade in firstDecade...lastDecade {
      for mantissa in mantissas {
        let value = mantissa * pow(10, Double(decade))
        if value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9) { ticks.append(value) }
      }
    }
    // With decades alone the ends stay unlabelled; else a short range would lack ticks at its ends.
    if mantissas.count > 1 {
      if let first = ticks.first, first > low * (1 + 1e-9) { ticks.insert(low, at: 0) }
      if let last = ticks.last, last < high * (1 - 1e-9) { ticks.append(high) }
    }
    return ticks.isEmpty ? [low, high] : ticks
  }

  /// Every `every`-th of `count` labels from the first, and the last; the label before the last
  /// gives way when it would sit closer to it than `every`.
  static func thinned(count: Int, every: Int) -> [Int] {
    guard count > 1 else { return Array(0..<max(0, count)) }
    var indices = Array(Swift.stride(from: 0, to: count - 1, by: max(1, every)))
    if let last = indices.last, last > 0, count - 1 - last < every { indices.removeLast() }
    return indices + [count - 1]
  }

  /// Which of `count` evenly spaced labels to draw when at most `maxLabels` fit: every k-th for
  /// the smallest k that fits, always the first and the last (the range's ends).
  static func thinned(count: Int, maxLabels: Int) -> [Int] {
    guard count > maxLabels else { return Array(0..<max(0, count)) }
    guard maxLabels >= 2 else { return [0] }
    var every = max(1, (count - 1) / (maxLabels - 1))
    while thinned(count: count, every: every).count > maxLabels { every += 1 }
    return thinned(count: count, every: every)
  }

  /// Indices of the values to label on an axis `length` pixels long, each label `labelWidth`
  /// pixels wide along it with a gap between neighbours.
  static func thinned(count: Int, length: Double, labelWidth: Double, gap: Double = 8) -> [Int] {
    let fitting = Int(((length + gap) / max(1, labelWidth + gap)).rounded(.down))
    return thinned(count: count, maxLabels: max(2, fitting))
  }
}
