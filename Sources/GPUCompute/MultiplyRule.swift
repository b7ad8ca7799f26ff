/// How a kernel's multiply instructions are timed and counted: the FPU mode of its layer,
/// the CANNA draw threshold and the latency rule, fixed for the whole kernel.
///
/// ```
///  exact     ── every multiply: the exact VALU timing, lanes counted `multiply_exact`
///  mantissa  ── every multiply: mantissaTiming(m), lanes counted `multiply_mantissa` at m × m
///  canna     ── each active lane draws hit/miss on its tested operand;
///               timing = rule(hits, lanes) between cannaHit and cannaMiss timing
/// ```
struct MultiplyRule: Sendable {
  let mode: FPUMode
  let exactTiming: FPUTiming
  let hitTiming: FPUTiming
  let missTiming: FPUTiming
  let mantissaTiming: FPUTiming
  let rule: FPULatencyRule
  let threshold: UInt64
  let seed: UInt64

  init(config: GPUConfig, fpu: LayerFPU) {
    mode = fpu.mode
    exactTiming = config.valuTiming
    hitTiming = config.cannaHitTiming
    missTiming = config.cannaMissTiming
    if case .mantissa(let bits) = fpu.mode {
      mantissaTiming = config.mantissaTiming(bits: bits)
    } else {
      mantissaTiming = config.valuTiming
    }
    rule = config.latencyRule
    threshold = FPUDraws.threshold(hitRate: fpu.hitRate)
    seed = config.seed
  }

  /// The timing of a CANNA multiply of which `hits` of `lanes` active lanes hit.
  @inline(__always)
  func cannaTiming(hits: Int, lanes: Int) -> FPUTiming {
    switch rule {
    case .anyActiveLaneMisses:
      return hits == lanes ? hitTiming : missTiming
    case .laneProportional:
      guard lanes > 0 else { return hitTiming }
      let misses = lanes - hits
      return FPUTiming(
        latencyCycles: Self.interpolate(hitTiming.latencyCycles, missTiming.latencyCycles, misses, lanes),
        intervalCycles: Self.interpolate(hitTiming.intervalCycles, missTiming.intervalCycles, misses, lanes))
    }
  }

  /// hit + (miss − hit) · misses / lanes, rounded up, at least 1.
  @inline(__always)
  static func interpolate(_ hit: Int, _ miss: Int, _ misses: Int, _ lanes: Int) -> Int {
    let span = (miss - hit) * misses
    let step = span >= 0 ? (span + lanes - 1) / lanes : -((-span) / lanes)
    return max(1, hit + step)
  }
}
