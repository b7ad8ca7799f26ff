import GPUCompute
import Testing

/// Occupancy follows multi2sim's `Gpu::CalcGetWorkGroupsPerWavefrontPool` (docs/sources.md#multi2sim):
/// min(10, floor(10 / wavefronts), floor(65536 / registers), floor(65536 / LDS)) per pool, × 4.
@Suite struct OccupancyTests {
  @Test func fourWavefrontWorkGroupsAreLimitedToTwoPerPoolByWavefrontSlots() {
    let occupancy = Occupancy(workItems: 256, registersPerWorkItem: 16, ldsBytesPerWorkGroup: 0, config: GPUConfig())
    #expect(occupancy.wavefrontsPerWorkGroup == 4)
    #expect(occupancy.byWavefronts == 2)
    #expect(occupancy.workGroupsPerPool == 2)
    #expect(occupancy.workGroupsPerCU == 8)
  }

  /// 100 registers × 64 lanes = 6400, already a multiple of 32; × 4 wavefronts = 25600;
  /// 65536 / 25600 = 2.
  @Test func registersLimitPerPool() {
    let occupancy = Occupancy(workItems: 256, registersPerWorkItem: 100, ldsBytesPerWorkGroup: 0, config: GPUConfig())
    #expect(occupancy.byRegisters == 2)
    let heavy = Occupancy(workItems: 64, registersPerWorkItem: 300, ldsBytesPerWorkGroup: 0, config: GPUConfig())
    // 300 × 64 = 19200 → 65536 / 19200 = 3 (wavefront limit 10).
    #expect(heavy.byRegisters == 3)
    #expect(heavy.workGroupsPerPool == 3)
    #expect(heavy.workGroupsPerCU == 12)
  }

  /// Register allocation rounds each wavefront's registers up to the granularity:
  /// 3 registers × 64 = 192 → rounded to 256 with granularity 256.
  @Test func registerAllocationRoundsUpPerWavefront() {
    var config = GPUConfig()
    config.registerAllocationGranularity = 256
    config.vectorRegistersPerCU = 1024
    let occupancy = Occupancy(workItems: 64, registersPerWorkItem: 3, ldsBytesPerWorkGroup: 0, config: config)
    #expect(occupancy.byRegisters == 4)
  }

  /// LDS rounds up to 64 bytes: 17000 → 17024; 65536 / 17024 = 3.
  @Test func ldsLimitsPerPoolAfterRoundingToTheAllocationSize() {
    let occupancy = Occupancy(workItems: 64, registersPerWorkItem: 8, ldsBytesPerWorkGroup: 17000, config: GPUConfig())
    #expect(occupancy.byLDS == 3)
    #expect(occupancy.workGroupsPerPool == 3)
  }

  /// A work-group needing more than a pool's 10 wavefront slots, or more LDS than the CU has,
  /// cannot run at all.
  @Test func oversizedWorkGroupsGetZero() {
    let wide = Occupancy(workItems: 704, registersPerWorkItem: 8, ldsBytesPerWorkGroup: 0, config: GPUConfig())
    #expect(wide.wavefrontsPerWorkGroup == 11)
    #expect(wide.workGroupsPerCU == 0)
    let lds = Occupancy(workItems: 64, registersPerWorkItem: 8, ldsBytesPerWorkGroup: 70000, config: GPUConfig())
    #expect(lds.workGroupsPerCU == 0)
  }

  /// Work-items round up to whole wavefronts: 65 work-items take 2.
  @Test func partialWavefrontsCountWhole() {
    let occupancy = Occupancy(workItems: 65, registersPerWorkItem: 8, ldsBytesPerWorkGroup: 0, config: GPUConfig())
    #expect(occupancy.wavefrontsPerWorkGroup == 2)
    #expect(occupancy.byWavefronts == 5)
  }

  /// The per-pool limits compare against the whole CU's registers and LDS (a multi2sim quirk
  /// we keep): four pools may each hold a work-group using all 64 KB of LDS.
  @Test func limitsApplyPerPoolAsInMultiSim() {
    let occupancy = Occupancy(workItems: 64, registersPerWorkItem: 8, ldsBytesPerWorkGroup: 65536, config: GPUConfig())
    #expect(occupancy.workGroupsPerPool == 1)
    #expect(occupancy.workGroupsPerCU == 4)
  }
}
