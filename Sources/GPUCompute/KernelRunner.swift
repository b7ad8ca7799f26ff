import SimKernel

/// Runs one kernel on the device: distributes its work-groups over the compute units and
/// simulates them cycle by cycle.
///
/// ```
///  work-group g ─► compute unit g mod N   (multi2sim's round-robin first mapping)
///  cycle:  every compute unit with work is simulated
///  fast:   compute units are grouped by `ComputeUnitSignature`; one of each group is simulated
///          and its activity counted once per member (identical by construction and by test)
///  kernel time = the slowest compute unit
/// ```
///
/// Compute units never interact: each owns its L1, its LDS and a fixed slice of the DRAM
/// bandwidth, and work-groups are assigned statically [assumption: multi2sim hands later
/// work-groups to whichever compute unit frees a slot first, which is the same assignment
/// whenever compute units finish in step].
public enum KernelRunner {
  /// The most work-groups a kernel may have for `fast` fidelity to group compute units.
  public static let groupingLimit = 1 << 18

  /// What running a kernel took.
  public struct Outcome: Equatable, Sendable {
    /// Cycles from launch until the last work-group finished.
    public var cycles: Int
    /// Cycles the slowest compute unit's SIMDs started nothing while a wavefront was held by
    /// `s_waitcnt` (waiting on memory).
    public var stallCycles: Int
    /// Wavefront instructions executed on the whole device.
    public var wavefrontInstructions: UInt64
    /// Compute units simulated cycle by cycle (fewer than those used in `fast` fidelity).
    public var simulatedComputeUnits: Int
    /// Compute units that received work.
    public var busyComputeUnits: Int
  }

  /// Runs `kernel`, adding its activity to `ledger`; the compute units run on up to `jobs`
  /// threads (they never interact, and their results are combined in compute-unit order, so
  /// the outcome does not depend on `jobs`).
  public static func run(
    _ kernel: Kernel, config: GPUConfig, fidelity: Fidelity, ledger: inout ActivityLedger, jobs: Int = 1
  ) throws(GPUSimulationError) -> Outcome {
    let occupancy = Occupancy(kernel: kernel, config: config)
    guard occupancy.workGroupsPerCU > 0, config.computeUnits > 0 else {
      throw .workGroupDoesNotFit(kernel: kernel.role.rawValue)
    }
    let units = min(config.computeUnits, kernel.workGroupCount)
    var workLists = Array(repeating: [Int32](), count: units)
    for group in 0..<kernel.workGroupCount { workLists[group % units].append(Int32(group)) }
    var representatives: [Int] = []
    var copies: [Int] = []
    // Signatures grow with the work-groups; past the limit their memory is not worth it.
    if fidelity == .cycle || kernel.workGroupCount > KernelRunner.groupingLimit {
      representatives = Array(0..<units)
      copies = Array(repeating: 1, count: units)
    } else {
      var classOf: [ComputeUnitSignature: Int] = [:]
      for unit in 0..<units {
        let signature = ComputeUnitSignature(kernel: kernel, workList: workLists[unit], config: config)
        if let existing = classOf[signature] {
          copies[existing] += 1
        } else {
          classOf[signature] = representatives.count
          representatives.append(unit)
          copies.append(1)
        }
      }
    }
    var slowest: Int64 = -1
    var stall = 0
    var instructions: UInt64 = 0
    let workGroupsPerCU = occupancy.workGroupsPerCU
    let lists = workLists
    let simulated = representatives
    let runs = ParallelWork.map(simulated.count, jobs: jobs) {
      position -> Result<(cycles: Int64, stallCycles: Int, tally: ActivityTally), GPUSimulationError> in
      var computeUnit = ComputeUnit(
        config: config, kernel: kernel, workList: lists[simulated[position]], workGroupsPerCU: workGroupsPerCU)
      do throws(GPUSimulationError) {
        let cycles = try computeUnit.run()
        return .success((cycles, computeUnit.stallCycles, computeUnit.tally))
      } catch {
        return .failure(error)
      }
    }
    for (position, run) in runs.enumerated() {
      let (cycles, stallCycles, tally) = try run.get()
      if cycles > slowest {
        slowest = cycles
        stall = stallCycles
      }
      tally.record(into: &ledger, copies: copies[position])
      instructions += tally.counts[GPUCounter.fetch.rawValue] * UInt64(copies[position])
    }
    return Outcome(
      cycles: Int(max(0, slowest)), stallCycles: stall, wavefrontInstructions: instructions,
      simulatedComputeUnits: representatives.count, busyComputeUnits: units)
  }
}

extension KernelRunner {
  /// What one compute unit did with a kernel: its cycles and every instruction's timeline.
  public struct ComputeUnitTrace: Sendable {
    /// Cycles until its last work-group finished.
    public var cycles: Int
    /// Each fetched instruction, in fetch order.
    public var instructions: [TracedInstruction]
    /// Cycles no SIMD started a uop while a wavefront was held by `s_waitcnt`.
    public var stallCycles: Int
  }

  /// Runs every work-group of `kernel` on a single compute unit, recording each instruction's
  /// timeline (for tests of the issue and readiness rules; O(instructions) memory).
  public static func trace(_ kernel: Kernel, config: GPUConfig) throws(GPUSimulationError) -> ComputeUnitTrace {
    let occupancy = Occupancy(kernel: kernel, config: config)
    guard occupancy.workGroupsPerCU > 0 else { throw .workGroupDoesNotFit(kernel: kernel.role.rawValue) }
    var unit = ComputeUnit(
      config: config, kernel: kernel, workList: (0..<kernel.workGroupCount).map(Int32.init),
      workGroupsPerCU: occupancy.workGroupsPerCU)
    unit.trace = []
    let cycles = try unit.run()
    return ComputeUnitTrace(cycles: Int(cycles), instructions: unit.trace ?? [], stallCycles: unit.stallCycles)
  }
}
