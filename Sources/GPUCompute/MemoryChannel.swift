/// A compute unit's slice of the L2-to-DRAM bandwidth, shared by its loads and stores.
///
/// ```
///  block request at cycle t ─► start = max(channel free, t) ─► + 64 B × N / dramBytesPerCycle ─► crossed
///                                                                (then + L2 and DRAM latency for a load)
/// ```
///
/// [assumption] Each compute unit owns a fixed 1/N of `dramBytesPerCycle`, so compute units
/// never contend (and a kernel that uses few of them cannot borrow the idle ones' share).
/// Time is kept in units of 1 / `dramBytesPerCycle` cycle so the arithmetic stays exact.
struct MemoryChannel: Sendable {
  /// When the channel finishes its last accepted transfer, in 1 / `unitsPerCycle` cycles.
  private var busyUntil: Int64 = 0
  private let unitsPerCycle: Int64
  private let unitsPerBlock: Int64

  init(config: GPUConfig) {
    unitsPerCycle = Int64(config.dramBytesPerCycle)
    unitsPerBlock = Int64(config.blockBytes) * Int64(config.computeUnits)
  }

  /// Accepts one block transfer at cycle `now`; returns the cycle it has crossed the channel.
  mutating func transfer(now: Int64) -> Int64 {
    let start = max(busyUntil, now * unitsPerCycle)
    busyUntil = start + unitsPerBlock
    return (busyUntil + unitsPerCycle - 1) / unitsPerCycle
  }
}
