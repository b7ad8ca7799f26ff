import Energy

extension GPUConfig {
  /// The technology CANNA and FramNN synthesised their FPUs in: 45 nm (their Design Compiler
  /// flow), at the node's nominal 1.0 V.
  public static let defaultOperatingPoint = OperatingPoint(nodeNM: 45, supplyVolts: 1.0)

  /// The GPU energy table built from `primitives` and this configuration's structure (SIMD
  /// lanes, register file, LDS, L1 and cache-block sizes), at `point`.
  ///
  /// Nothing is fitted to CANNA's Table I: the approximate-mode multiply is the FP multiplier's
  /// part that does not scale with the significand (Horowitz's two FP multipliers give it),
  /// and Table I is a held-out check of `axsim energy validate`.
  public func derivedEnergyTable(primitives library: PrimitiveLibrary, at point: OperatingPoint = defaultOperatingPoint)
    throws(EnergyDerivationError) -> EnergyTable
  {
    let horowitz = "[horowitz2014] via configs/energy/primitives/horowitz-45nm.json"
    let aladdin = "[accelergy-aladdin] via configs/energy/primitives/aladdin-40nm.json"
    let cacti = "[cacti7] via configs/energy/primitives/cacti7-45nm.json"
    let blockBits = Double(blockBytes * 8)
    let kilobytes = { (bytes: Int) in Double(bytes) / 1024 }
    var table = EnergyTableBuilder()

    let fetch = try library.energy("sram_read", at: 32, widthBits: 64, target: point).labelled("SRAM")
    table.add("frontend", "fetch", fetch, source: "\(cacti): one 64-bit instruction read from a 32 KB instruction cache")
    let integerAdd = try library.energy("int_adder", at: 32, target: point)
    table.add("simd.alu", "lane_op", integerAdd, source: "\(horowitz): a 32-bit integer add per lane")
    table.add(
      "simd.fpu.adder", "add", try library.energy("fp_adder", at: 24, target: point),
      source: "\(horowitz): an FP32 add (24-bit significand)")
    let fpMultiplier = try library.primitive("fp_multiplier")
    let exact = try library.energy("fp_multiplier", at: 24, target: point)
    table.add("simd.fpu.multiplier", "multiply_exact", exact, source: "\(horowitz): an FP32 multiply")
    guard case .offsetSquare(let offset, _) = fpMultiplier.law else {
      throw .malformed(primitive: "fp_multiplier", reason: "needs an offset_square law to split off its fixed part")
    }
    let fixedFraction = offset / (try fpMultiplier.value(at: 24).value)
    let check = try library.energy("comparator", at: 23, target: point).labelled("tuning-bit check")
    let hit =
      DerivedEnergy(exact.value * fixedFraction, "\(Primitive.format(fixedFraction, digits: 4)) × (\(exact.text))").labelled(
        "fixed part") + check
    table.add(
      "simd.fpu.multiplier", "multiply_canna_hit", hit,
      source:
        "\(horowitz) FP multiply without its significand array (the part of E = o + c m^2 that does not scale, o / E(24)) + \(aladdin) a 23-bit tuning-bit comparison: approximate mode adds exponents and passes one mantissa through [canna2018]"
    )
    table.add(
      "simd.fpu.multiplier", "multiply_canna_miss", exact + check,
      source: "\(horowitz) FP multiply + \(aladdin) the tuning-bit comparison: exact mode after a failed check")
    table.add(
      "simd.fpu.multiplier", "multiply_mantissa", exact,
      law: .multiplierWithFixedPart(referenceBitsA: 24, referenceBitsB: 24, fixedFraction: fixedFraction), validBits: 1...24,
      source:
        "\(horowitz): FramNN's m-bit significand multiplier; the fixed part o / E(24) = \(Primitive.format(fixedFraction, digits: 4)) does not scale, the rest scales with m x m [framnn2018]"
    )
    let laneBits = 32.0
    let registerFileKilobytes = kilobytes(vectorRegistersPerCU * 4 / max(1, wavefrontPools))
    let simdWidthBits = Double(simdLanes) * laneBits
    table.add(
      "simd.vgpr", "read",
      (1 / Double(simdLanes))
        * (try library.energy("sram_read", at: registerFileKilobytes, widthBits: simdWidthBits, target: point)).labelled("SRAM"),
      source:
        "\(cacti): one \(Int(simdWidthBits))-bit read of a SIMD's \(Int(registerFileKilobytes)) KB register file, shared by its \(simdLanes) lanes"
    )
    table.add(
      "simd.vgpr", "write",
      (1 / Double(simdLanes))
        * (try library.energy("sram_write", at: registerFileKilobytes, widthBits: simdWidthBits, target: point)).labelled("SRAM"),
      source: "\(cacti): one \(Int(simdWidthBits))-bit write of a SIMD's register file, shared by its \(simdLanes) lanes")
    table.add(
      "scalar", "op", integerAdd + (try library.energy("sram_read", at: 8, widthBits: 64, target: point)).labelled("SRAM"),
      source: "\(horowitz) 32-bit add + \(cacti) a 64-bit read of the 8 KB scalar register file")
    table.add(
      "scalar.cache", "read", try library.energy("sram_read", at: 16, widthBits: 128, target: point).labelled("SRAM"),
      source: "\(cacti): a 128-bit SMRD read of the 16 KB scalar data cache")
    table.add("branch", "op", 2 * integerAdd, source: "\(horowitz): a compare and a program-counter add")
    let ldsBankKilobytes = kilobytes(ldsBytesPerCU / 32)
    table.add(
      "lds", "read", try library.energy("sram_read", at: ldsBankKilobytes, widthBits: laneBits, target: point).labelled("SRAM"),
      source: "\(cacti): a 32-bit word of one of the LDS's 32 banks (\(Int(ldsBankKilobytes * 1024)) bytes)")
    table.add(
      "lds", "write", try library.energy("sram_write", at: ldsBankKilobytes, widthBits: laneBits, target: point).labelled("SRAM"),
      source: "\(cacti): a 32-bit word into an LDS bank")
    let l1Read = try library.energy("sram_read", at: kilobytes(l1Bytes), widthBits: blockBits, target: point).labelled(
      "SRAM read")
    let l1Write = try library.energy("sram_write", at: kilobytes(l1Bytes), widthBits: blockBits, target: point).labelled(
      "SRAM write")
    table.add(
      "cache.l1", "hit", l1Read, source: "\(cacti): a \(blockBytes)-byte block read from the \(l1Bytes / 1024) KB vector L1")
    table.add("cache.l1", "miss", l1Write + l1Read, source: "\(cacti): a block fill of the L1 and its read-out to the lanes")
    table.add("cache.l1", "write", l1Write, source: "\(cacti): a block written through the L1")
    table.add(
      "cache.l2", "access", try library.energy("sram_read", at: 128, widthBits: blockBits, target: point).labelled("SRAM"),
      source: "\(cacti): a \(blockBytes)-byte block of a 128 KB L2 bank")
    let dram = try library.energy("dram_gddr5_bit", at: blockBits, target: point)
    for action in ["read", "write"] {
      table.add(
        "dram", action, dram, scalesWithTechnology: false,
        source: "[accelergy-cacti-plugin] GDDR5 per bit x \(Int(blockBits)) bits of a block, via configs/energy/primitives/offchip.json")
    }

    let sramKilobytes =
      kilobytes(vectorRegistersPerCU * 4) + kilobytes(ldsBytesPerCU) + kilobytes(l1Bytes) + 8
    let lanes = Double(wavefrontPools * simdLanes)
    table.addLeakage(
      "cu",
      (try library.leakage("sram_leakage_hp", at: sramKilobytes, target: point)).labelled("SRAM")
        + lanes
        * ((try library.leakage("fp_multiplier_leakage", at: 1, target: point))
          + (try library.leakage("fp_adder_leakage", at: 1, target: point))),
      source:
        "[cacti7] high-performance SRAM leakage of a CU's \(Int(sramKilobytes)) KB (register files, LDS, L1, scalar registers) + [accelergy-aladdin] FP32 multiplier and adder leakage of its \(Int(lanes)) lanes"
    )
    table.addLeakage(
      "l2", try library.leakage("sram_leakage_hp", at: 768, target: point).labelled("SRAM"),
      source: "[cacti7] high-performance SRAM leakage of the 768 KB L2")
    table.addLeakage(
      "constant", try library.leakage("gpu_board_constant_power", at: 1, target: point), scalesWithTechnology: false,
      source: "[accelwattch2021] a GPU board's constant power, via configs/energy/primitives/offchip.json")

    let gated = try library.parameter("gated_fraction")
    return EnergyTable(
      name: "gpu-si-\(Primitive.format(point.nodeNM))nm",
      technology: Technology(nodeNM: Int(point.nodeNM.rounded()), supplyVolts: point.supplyVolts, clockMHz: clockMHz),
      ungatedFraction: gated.value, ungatedFractionSource: gated.source + " (no GPU entry uses a gated law)",
      entries: table.entries, leakage: table.leakage,
      freeParameters: [
        FreeParameter(
          name: "supply_volts", value: point.supplyVolts,
          source: "CANNA and FramNN synthesised their FPUs in a 45 nm flow without giving the supply; the node's nominal 1.0 V"),
        FreeParameter(
          name: "board_constant_power_mw", value: try library.leakage("gpu_board_constant_power", at: 1, target: point).value,
          source: "AccelWattch's Volta figure, for want of a Southern Islands one; reported apart from the compute units"),
      ])
  }
}
