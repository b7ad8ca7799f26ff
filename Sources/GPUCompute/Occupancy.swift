/// How many work-groups of a kernel a compute unit holds at once: multi2sim's
/// `Gpu::CalcGetWorkGroupsPerWavefrontPool` (docs/sources.md#multi2sim).
///
/// ```
///  wavefronts per work-group = ceil(work-items / 64)
///  work-groups per pool = min(maxWorkGroupsPerPool,
///                             floor(maxWavefrontsPerPool / wavefronts per work-group),
///                             floor(vectorRegistersPerCU / registers per work-group),
///                             floor(ldsBytesPerCU / roundup(LDS per work-group, ldsAllocationGranularity)))
///  registers per work-group = roundup(registers per work-item × 64, registerAllocationGranularity)
///                             × wavefronts per work-group
///  work-groups per CU = pools × work-groups per pool
/// ```
///
/// As in multi2sim, the register and LDS limits compare one work-group's needs with the whole
/// compute unit's registers and LDS but then apply per pool, so a compute unit may hold up to
/// `pools` times its register file and LDS (a quirk kept for fidelity; docs/gpu.md).
public struct Occupancy: Equatable, Sendable {
  /// Wavefronts per work-group.
  public var wavefrontsPerWorkGroup: Int
  /// The limit set by wavefront slots.
  public var byWavefronts: Int
  /// The limit set by vector registers.
  public var byRegisters: Int
  /// The limit set by the LDS.
  public var byLDS: Int
  /// Work-groups per pool: the smallest limit.
  public var workGroupsPerPool: Int
  /// Work-groups per compute unit.
  public var workGroupsPerCU: Int

  /// The occupancy of work-groups of `workItems` work-items, each needing `registersPerWorkItem`
  /// vector registers, with `ldsBytesPerWorkGroup` bytes of LDS.
  public init(workItems: Int, registersPerWorkItem: Int, ldsBytesPerWorkGroup: Int, config: GPUConfig) {
    let wavefronts = max(1, (workItems + GPUConfig.wavefrontSize - 1) / GPUConfig.wavefrontSize)
    wavefrontsPerWorkGroup = wavefronts
    byWavefronts = config.maxWavefrontsPerPool / wavefronts
    let granularity = max(1, config.registerAllocationGranularity)
    let perWavefront = Occupancy.roundUp(registersPerWorkItem * GPUConfig.wavefrontSize, to: granularity)
    let registers = perWavefront * wavefronts
    byRegisters = registers > 0 ? config.vectorRegistersPerCU / registers : config.maxWorkGroupsPerPool
    let lds = Occupancy.roundUp(ldsBytesPerWorkGroup, to: max(1, config.ldsAllocationGranularity))
    byLDS = lds > 0 ? config.ldsBytesPerCU / lds : config.maxWorkGroupsPerPool
    workGroupsPerPool = min(config.maxWorkGroupsPerPool, byWavefronts, byRegisters, byLDS)
    workGroupsPerCU = workGroupsPerPool * config.wavefrontPools
  }

  /// The occupancy of `kernel`.
  public init(kernel: Kernel, config: GPUConfig) {
    self.init(
      workItems: kernel.workGroupSize, registersPerWorkItem: kernel.vectorRegisters, ldsBytesPerWorkGroup: kernel.ldsBytes,
      config: config)
  }

  static func roundUp(_ value: Int, to granularity: Int) -> Int {
    (value + granularity - 1) / granularity * granularity
  }
}
