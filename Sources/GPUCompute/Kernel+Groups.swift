extension Kernel {
  /// Buffers between one group's operands and the next group's: above every buffer an
  /// ungrouped kernel uses (5 named buffers, then one split-K workspace per slice).
  public static let tensorsPerGroup = 1 << 12

  /// The most groups one kernel may cover: group buffers must stay below 2^24 buffers, whose
  /// 2^40-byte regions fill the 64-bit address space.
  public static let maximumGroups = (1 << 24) / tensorsPerGroup - 1

  /// The kernel run once per group in one launch (a batched GEMM, as cuBLAS's and clBLAS's
  /// batched calls launch it): the grid gains an outermost group coordinate, and every
  /// group's tiles read and write matrices of their own, `tensorsPerGroup` buffers apart.
  ///
  /// CANNA's draws key each group's operands apart too, so two groups never share a hit.
  /// - Complexity: O(accesses + tested operands).
  public func grouped(_ groups: Int) -> Kernel {
    var kernel = self
    kernel.groups = groups
    kernel.usefulMACs = usefulMACs * groups
    for index in kernel.accesses.indices { kernel.accesses[index].tensorPerGroup = Kernel.tensorsPerGroup }
    for index in kernel.testedOperands.indices {
      kernel.testedOperands[index].elementsPerGroup = kernel.testedOperands[index].rows * kernel.testedOperands[index].columns
    }
    return kernel
  }
}
