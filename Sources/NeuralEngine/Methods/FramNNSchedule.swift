/// How FramNN spends training time over the precision levels of its m-bit mantissa multiplier
/// (Imani, Wang, Rosing 2018, §IV): levels run narrowest first (most masked bits), each for its
/// share of the T training iterations, and training ends at the widest.
///
/// | schedule | levels | share of T |
/// |---|---|---|
/// | uniform | one width m | all |
/// | linear | m_start, m_start + 1, …, m_end | equal (the paper's "linear" approximation) |
/// | EDP-optimal | any widths m_0 < … < m_k with relative powers p_i | t_i = T / (p_i Σ_j 1/p_j) |
///
/// The EDP-optimal share is the paper's Lagrangian solution: minimising Σ p_i t_i² subject to
/// Σ t_i = T gives p_i t_i = constant (the paper writes "max", but the stationary point is the
/// minimum of that convex sum; FramNN §IV), so the costlier a level, the less time it
/// gets. Iterations are whole numbers: shares are rounded by largest remainder (ties to the
/// narrower level) so they sum exactly to T.
public struct FramNNSchedule: Equatable, Sendable {
  /// Mantissa widths m (significand bits, hidden one included, 1...24), narrowest first.
  public let levels: [Int]
  /// Each level's share of the training iterations, summing to 1.
  public let shares: [Double]

  /// A schedule with `levels` (strictly increasing widths in 1...24) and positive relative
  /// `weights` (normalised to shares).
  public init(levels: [Int], weights: [Double]) throws(NeuralEngineError) {
    guard !levels.isEmpty, levels.count == weights.count else {
      throw .invalidTraining("a FramNN schedule needs one weight per level (\(levels.count) levels, \(weights.count) weights)")
    }
    guard levels.allSatisfy({ (1...24).contains($0) }) else {
      throw .invalidTraining(
        "FramNN mantissa widths \(levels) must lie in 1...24 (binary32 significand bits, hidden one counted)")
    }
    guard zip(levels, levels.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw .invalidTraining("FramNN levels \(levels) must be strictly increasing: training starts narrowest and ends widest")
    }
    guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw .invalidTraining("FramNN level weights \(weights) must be positive and finite")
    }
    let total = weights.reduce(0, +)
    self.levels = levels
    self.shares = weights.map { $0 / total }
  }

  /// One width for the whole run (the paper's uniform approximation; FramNN §III-B trains at the
  /// inference width).
  public static func uniform(bits: Int) throws(NeuralEngineError) -> FramNNSchedule {
    try FramNNSchedule(levels: [bits], weights: [1])
  }

  /// Every width from `start` up to `end` (inclusive, `start` ≤ `end`), one bit at a time, for
  /// equal times (FramNN Table II's "linear": maximum approximation first, ending at `end`).
  public static func linear(from start: Int, to end: Int) throws(NeuralEngineError) -> FramNNSchedule {
    guard start <= end else {
      throw .invalidTraining("a linear FramNN schedule runs from \(start) up to \(end) bits; give start ≤ end")
    }
    let levels = Array(start...end)
    return try FramNNSchedule(levels: levels, weights: levels.map { _ in 1 })
  }

  /// The EDP-optimal schedule: level i gets t_i = T / (p_i Σ_j 1/p_j) iterations, with
  /// `powers[i]` the (relative) power of the hardware at `levels[i]`.
  public static func edpOptimal(levels: [Int], powers: [Double]) throws(NeuralEngineError) -> FramNNSchedule {
    guard powers.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw .invalidTraining("FramNN level powers \(powers) must be positive and finite")
    }
    return try FramNNSchedule(levels: levels, weights: powers.map { 1 / $0 })
  }

  /// Relative multiplier power at each width from the m² law of an m × m array multiplier:
  /// p = fixed + (1 − fixed) · (m / 24)², relative to the full 24-bit multiplier. The partial
  /// products, and so the switched capacitance, grow with m²; Aladdin and Accelergy scale
  /// multiplier energy quadratically in width (docs/sources.md#accelergy-aladdin), and the GPU model
  /// prices `multiply_mantissa` at 35.3 pJ · m²/24² (docs/gpu.md). `fixed` (0...1, default 0)
  /// is the share of power that does not scale (exponent adder, control, a whole FPU's rest).
  public static func multiplierPowers(levels: [Int], fixed: Double = 0) throws(NeuralEngineError) -> [Double] {
    guard fixed >= 0, fixed < 1 else { throw .invalidTraining("the fixed power share \(fixed) lies outside [0, 1)") }
    guard levels.allSatisfy({ (1...24).contains($0) }) else {
      throw .invalidTraining("FramNN mantissa widths \(levels) must lie in 1...24")
    }
    return levels.map { fixed + (1 - fixed) * Double($0 * $0) / 576 }
  }

  /// Whole iterations per level for `total` iterations, summing exactly to `total`.
  public func iterations(total: Int) -> [Int] {
    let total = max(0, total)
    let ideal = shares.map { $0 * Double(total) }
    var counts = ideal.map { Int($0.rounded(.down)) }
    let left = total - counts.reduce(0, +)
    // Largest remainder first; ties go to the earlier (narrower) level.
    let order = ideal.indices.sorted { a, b in
      let ra = ideal[a] - Double(counts[a])
      let rb = ideal[b] - Double(counts[b])
      return ra != rb ? ra > rb : a < b
    }
    for index in order.prefix(left) { counts[index] += 1 }
    return counts
  }

  /// The width of every iteration of a `total`-iteration run, in order.
  public func plan(total: Int) -> [Int] {
    zip(levels, iterations(total: total)).flatMap { bits, count in Array(repeating: bits, count: count) }
  }
}
