/// How a model advances time.
public enum Fidelity: String, CaseIterable, Equatable, Hashable, Sendable {
  /// Step every cycle with per-processing-element state (accumulators, operand registers);
  /// can dump waveforms. The reference the fast path is tested against.
  case cycle
  /// Jump over phases whose outcome is known in closed form; simulate only what is
  /// irregular (memory stalls). Same cycle counts and activity as `cycle`, by test.
  case fast
}
