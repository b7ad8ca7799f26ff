import Foundation
import Trace

/// The multiplier inside a layer's FP32 multiply-type VALU instructions (`v_mul_f32`,
/// `v_mac_f32`, `v_mad_f32`, `v_fma_f32`; docs/sources.md#multi2sim).
///
/// The add of a multiply-add always stays exact.
public enum FPUMode: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The exact IEEE binary32 multiplier.
  case exact
  /// CANNA's configurable FPU (CFPU) with `tuningBits` tuning bits, 0...22: a product whose
  /// tested mantissa passes the check skips the mantissa multiply (CANNA §III).
  case canna(tuningBits: Int)
  /// FramNN's multiplier keeping `bits` significand bits (hidden one included), 1...24.
  case mantissa(bits: Int)

  /// Why the mode is invalid, or nil.
  public var problem: String? {
    switch self {
    case .exact: return nil
    case .canna(let bits):
      return (0...22).contains(bits) ? nil : "CANNA tuning bits must lie in 0...22, found \(bits)"
    case .mantissa(let bits):
      return (1...24).contains(bits) ? nil : "mantissa bits must lie in 1...24, found \(bits)"
    }
  }

  /// The mode as a report shows it (`canna(4 tuning bits)`).
  public var description: String {
    switch self {
    case .exact: return "exact"
    case .canna(let bits): return "canna(\(bits) tuning bits)"
    case .mantissa(let bits): return "mantissa(\(bits) bits)"
    }
  }
}

/// How the hits of a wavefront's lanes decide the timing of its multiply instruction.
///
/// multi2sim gives one latency per wavefront instruction and models no lanes, so this is an
/// assumption (docs/sources.md#canna2018, Table I), kept configurable.
public enum FPULatencyRule: String, CaseIterable, Equatable, Hashable, Sendable {
  /// The instruction takes the miss timing if any active lane misses, else the hit timing:
  /// the lanes of a SIMD run in lock step, so the slowest lane sets the pace.
  case anyActiveLaneMisses = "any-miss"
  /// Latency and interval interpolate between hit and miss timing by the fraction of active
  /// lanes that miss, rounded up: as if each lane's multiply took its own time.
  case laneProportional = "proportional"
}

/// Which operand of a product CANNA's check tests: the one whose mantissa it discards.
public enum TestedOperand: String, CaseIterable, Equatable, Hashable, Sendable {
  /// The activation side (inputs X forward, the output gradient backward, X again for the
  /// weight gradient): CANNA §IV-A argues the input x "has higher potential for bounding".
  case activation
  /// The weight side (weights forward and backward, the output gradient for the weight
  /// gradient).
  case weight
}

/// The multiplier a layer runs and, for CANNA, the probability that a product hits.
public struct LayerFPU: Equatable, Hashable, Sendable {
  /// The multiplier.
  public var mode: FPUMode
  /// The CANNA hit rate, 0...1 (1 for other modes).
  public var hitRate: Double
  /// Where the hit rate came from (`measured`, `override`, `default 2^-n`).
  public var hitRateSource: String

  /// Settings.
  public init(mode: FPUMode, hitRate: Double = 1, hitRateSource: String = "") {
    self.mode = mode
    self.hitRate = hitRate
    self.hitRateSource = hitRateSource
  }

  /// The hit rate assumed when a trace carries no measurement: 2^-n, the probability that n
  /// uniformly random fraction bits match the first one (docs/sources.md#canna2018).
  ///
  /// Real operands hit far more often (ReLU zeros, exactly representable values); measure them.
  public static func defaultHitRate(tuningBits: Int) -> Double {
    pow(2.0, -Double(tuningBits))
  }

  /// The multiplier of `layer` under `config`: the config's override, else the trace's
  /// multiplier; a CANNA hit rate from the config's override, else the layer's measurement,
  /// else 2^-n.
  public static func resolve(_ layer: TraceLayer, config: GPUConfig) -> LayerFPU? {
    let mode: FPUMode
    if let forced = config.multiplierOverride {
      mode = forced
    } else {
      switch layer.approximation.multiplier {
      case .exact: mode = .exact
      case .canna(let bits): mode = .canna(tuningBits: bits)
      case .mantissa(let bits): mode = .mantissa(bits: bits)
      case .drum: return nil
      }
    }
    guard case .canna(let bits) = mode else { return LayerFPU(mode: mode) }
    if let rate = config.hitRateOverride {
      return LayerFPU(mode: mode, hitRate: rate, hitRateSource: "override")
    }
    if let measured = layer.statistics.cannaHitRate(tuningBits: bits) {
      return LayerFPU(mode: mode, hitRate: measured, hitRateSource: "measured")
    }
    return LayerFPU(mode: mode, hitRate: defaultHitRate(tuningBits: bits), hitRateSource: "default 2^-n")
  }
}

extension GPUConfig {
  /// The timing of an m-bit FramNN multiply: the exact VALU latency and interval times
  /// (m / 24)^`mantissaTimingExponent`, rounded up, at least one cycle.
  public func mantissaTiming(bits: Int) -> FPUTiming {
    let scale = pow(Double(bits) / 24.0, mantissaTimingExponent)
    return FPUTiming(
      latencyCycles: max(1, Int((Double(valuTiming.latencyCycles) * scale).rounded(.up))),
      intervalCycles: max(1, Int((Double(valuTiming.intervalCycles) * scale).rounded(.up))))
  }
}
