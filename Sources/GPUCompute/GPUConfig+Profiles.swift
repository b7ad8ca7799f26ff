extension GPUConfig {
  /// multi2sim HEAD (5.0, Multi2Sim/multi2sim@77b16e0b) code defaults at the HD 7970's
  /// 925 MHz (HEAD's code says 1000): fetch latency 1 and width 1, any pool issues to any SIMD,
  /// two SIMD exec-buffer entries (a VALU every 4 cycles), branch latency 16
  /// (docs/sources.md#multi2sim).
  public static var multi2simHEAD: GPUConfig { GPUConfig() }

  /// multi2sim 4.2 (`gpu.c`) defaults: fetch latency 5 and width 4, pool i issues only to
  /// SIMD i, one SIMD exec-buffer entry (a VALU every 8 cycles), branch latency 4, issue
  /// buffers of one entry (docs/sources.md#multi2sim).
  public static var multi2sim42: GPUConfig {
    var config = GPUConfig()
    config.applyProfile(.multi2sim42)
    return config
  }

  /// Overwrites every timing value that differs between the two multi2sim versions with the
  /// profile's value (a CANNA multiply in exact mode takes the profile's exact VALU timing);
  /// all other settings stay.
  public mutating func applyProfile(_ profile: TimingProfile) {
    switch profile {
    case .head:
      fetchLatencyCycles = 1
      fetchWidth = 1
      simdBinding = .anySIMD
      valuTiming = FPUTiming(latencyCycles: 8, intervalCycles: 4)
      cannaMissTiming = valuTiming
      simdExecBufferSize = 2
      scalarIssueBufferSize = 4
      branchLatencyCycles = 16
      branchExecBufferSize = 16
      ldsIssueBufferSize = 4
      vectorMemoryIssueBufferSize = 1
    case .multi2sim42:
      fetchLatencyCycles = 5
      fetchWidth = 4
      simdBinding = .ownSIMD
      valuTiming = FPUTiming(latencyCycles: 8, intervalCycles: 8)
      cannaMissTiming = valuTiming
      simdExecBufferSize = 1
      scalarIssueBufferSize = 1
      branchLatencyCycles = 4
      branchExecBufferSize = 4
      ldsIssueBufferSize = 1
      vectorMemoryIssueBufferSize = 1
    }
  }
}

/// The two multi2sim versions whose Southern Islands timing differs (docs/sources.md#multi2sim).
public enum TimingProfile: String, CaseIterable, Equatable, Hashable, Sendable {
  /// multi2sim 5.0 / HEAD (C++).
  case head
  /// multi2sim 4.2 (C).
  case multi2sim42 = "4.2"
}
