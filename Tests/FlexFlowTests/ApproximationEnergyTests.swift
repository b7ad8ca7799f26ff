import Energy
import FlexFlow
import Foundation
import SimKernel
import Testing
import Trace

/// DRUM-k multipliers and near-threshold kernel storage, priced by the table's laws.
@Suite struct ApproximationEnergyTests {
  /// The energy of one product: the multiplier law at k × k plus the steering overhead for
  /// DRUM-k; the law at 16 × 16 for the exact multiplier.
  func productEnergyPJ(_ multiplier: ApproximationSettings.Multiplier, table: EnergyTable) throws -> Double {
    let model = try EnergyModel(table: table, schema: FlexFlowCounter.schema, binding: FlexFlowConfig().energyBinding)
    let multiply = FlexFlowCounter.multiply.rawValue
    switch multiplier {
    case .drum(let k):
      return try model.energyPerActionPJ(counter: multiply, bitsA: k, bitsB: k)
        + model.energyPerActionPJ(counter: FlexFlowCounter.drumSteering.rawValue, bitsA: 0, bitsB: 0)
    default:
      return try model.energyPerActionPJ(counter: multiply, bitsA: 16, bitsB: 16)
    }
  }

  @Test func drumFourCostsLessThanDrumEightWhichCostsLessThanExact() throws {
    let table = try Pricing.table()
    let exact = try productEnergyPJ(.exact, table: table)
    let k4 = try productEnergyPJ(.drum(k: 4), table: table)
    let k8 = try productEnergyPJ(.drum(k: 8), table: table)
    #expect(k4 < k8 && k8 < exact)
    // The laws by hand: E16·(k²/256 + 0.156).
    #expect(abs(k8 / exact - (64.0 / 256 + 0.156)) < 1e-3)
    #expect(abs(k4 / exact - (16.0 / 256 + 0.156)) < 1e-3)
    // Inside the DRUM abstract's 54–80 % saving for k = 5…8 (docs/sources.md#drum2015).
    for k in 5...8 {
      let saving = 1 - (try productEnergyPJ(.drum(k: k), table: table)) / exact
      #expect(saving >= 0.54 && saving <= 0.80, "k = \(k): saving \(saving)")
    }
  }

  /// A whole LeNet-5 run: the multiplier energy falls with k, and nothing else changes.
  @Test func networkMultiplierEnergyIsMonotoneInK() throws {
    let table = try Pricing.table()
    var previous = 0.0
    for k in [3, 4, 6, 8, 12] {
      let split = try Pricing.split(lenet5(), config: FlexFlowConfig(multiplierOverride: .drum(k: k)), table: table)
      let multiply = (split.componentsPJ["pe.multiplier"] ?? 0) + (split.componentsPJ["pe.drum_steering"] ?? 0)
      #expect(multiply > previous, "k = \(k)")
      previous = multiply
    }
    let exact = try Pricing.split(lenet5(), table: table)
    #expect((exact.componentsPJ["pe.multiplier"] ?? 0) > previous)
  }

  /// Kernel storage at 660 mV: dynamic energy × (0.66/1.1)², leakage × (0.66/1.1)⁵; the
  /// neuron buffers and the PE logic do not move.
  @Test func nearThresholdKernelStorageScalesDynamicBySquareAndLeakageByFifthPower() throws {
    let table = try Pricing.table()
    let nominal = try Pricing.split(lenet5(), table: table)
    let ntv = try Pricing.split(lenet5(), config: FlexFlowConfig(kernelStorageVolts: 0.66), table: table)
    let ratio = 0.66 / 1.1
    for name in ["kernel_buffer", "pe.kernel_local_store"] {
      let scaled = (ntv.componentsPJ[name] ?? 0) / (nominal.componentsPJ[name] ?? 1)
      #expect(abs(scaled - ratio * ratio) < 1e-9, "\(name)")
      let leak = (ntv.componentsPJ["leakage." + name] ?? 0) / (nominal.componentsPJ["leakage." + name] ?? 1)
      #expect(abs(leak - pow(ratio, 5)) < 1e-9, "leakage.\(name)")
    }
    for name in ["neuron_buffer_in", "pe.neuron_local_store", "pe.multiplier", "leakage.pe"] {
      #expect(ntv.componentsPJ[name] == nominal.componentsPJ[name], "\(name)")
    }
    #expect(ntv.totalMW < nominal.totalMW)
  }

  @Test func totalPowerIsMonotoneInKernelStorageVoltage() throws {
    let table = try Pricing.table()
    var previous = 0.0
    for volts in [0.4, 0.66, 0.85, 1.1] {
      let split = try Pricing.split(lenet5(), config: FlexFlowConfig(kernelStorageVolts: volts), table: table)
      #expect(split.totalMW > previous, "\(volts) V")
      previous = split.totalMW
    }
  }

  /// A trace's per-layer settings reach the model: DRUM k from each layer, the NTV supply
  /// from the layers (one value for the run).
  @Test func traceSettingsSelectMultiplierAndVoltage() throws {
    var trace = lenet5()
    for index in trace.layers.indices {
      trace.layers[index].approximation = ApproximationSettings(multiplier: .drum(k: 5), weightSRAMVoltage: 0.66)
    }
    let plan = try FlexFlowMapper.plan(trace, on: FlexFlowConfig())
    #expect(plan.kernelStorageVolts == 0.66)
    for case .array(let layer) in plan.layers { #expect(layer.multiplyBits == (5, 5) as (Int, Int)) }
    let run = FlexFlowArray.simulate(config: FlexFlowConfig(), plan: plan, fidelity: .fast)
    let steering = run.layers.reduce(0) { total, layer in
      total + layer.records.filter { $0.counter == FlexFlowCounter.drumSteering.rawValue }.reduce(0) { $0 + Int($1.count) }
    }
    #expect(steering == run.layers.reduce(0) { $0 + $1.macCount })
  }
}
