import AxJSON
import FlexFlow
import Testing
import Trace

/// Bad values are reported with the key that holds them; layers FlexFlow cannot run are
/// refused with the layer named. Nothing a user writes can trap.
@Suite struct ConfigProblemsTests {
  @Test func defaultsHaveNoProblems() {
    #expect(FlexFlowConfig().problems.isEmpty)
  }

  @Test(arguments: [
    (FlexFlowConfig(side: 0), "side"), (FlexFlowConfig(side: 100_000), "side"),
    (FlexFlowConfig(neuronLocalStoreBytes: 2), "neuronLocalStoreBytes"),
    (FlexFlowConfig(kernelLocalStoreBytes: -1), "kernelLocalStoreBytes"),
    (FlexFlowConfig(neuronBusWordsPerCycle: 0), "neuronBusWordsPerCycle"),
    (FlexFlowConfig(kernelBusWordsPerCycle: 0), "kernelBusWordsPerCycle"),
    (FlexFlowConfig(wordBits: 32), "wordBits"), (FlexFlowConfig(accumulatorBits: 16), "accumulatorBits"),
    (FlexFlowConfig(clockMHz: -5), "clockMHz"), (FlexFlowConfig(clockMHz: .nan), "clockMHz"),
    (FlexFlowConfig(kernelStorageVolts: 0.1), "kernelStorageVolts"),
    (FlexFlowConfig(multiplierOverride: .drum(k: 16)), "drumK"),
    (FlexFlowConfig(multiplierOverride: .canna(tuningBits: 4)), "multiplier"),
  ])
  func badValueIsReportedWithItsKey(config: FlexFlowConfig, key: String) {
    #expect(config.problems.contains { $0.key == key }, "\(config.problems)")
  }

  /// The mapper refuses a configuration with problems instead of trapping on it.
  @Test func mapperRefusesAConfigWithProblems() {
    #expect(throws: FlexFlowMappingError.self) { try FlexFlowMapper.plan(lenet5(), on: FlexFlowConfig(side: 0)) }
    #expect(throws: FlexFlowMappingError.self) {
      try FlexFlowMapper.plan(lenet5(), on: FlexFlowConfig(kernelBusWordsPerCycle: 0))
    }
  }

  @Test func cannaLayerIsRefusedNamingTheLayer() {
    var trace = lenet5()
    trace.layers[4].approximation = ApproximationSettings(multiplier: .canna(tuningBits: 3))
    #expect(throws: FlexFlowMappingError.self) { try FlexFlowMapper.plan(trace, on: FlexFlowConfig()) }
    do {
      _ = try FlexFlowMapper.plan(trace, on: FlexFlowConfig())
    } catch {
      #expect(error.layer == "fc1" && error.layerIndex == 4)
    }
  }

  @Test func conflictingLayerVoltagesAreRefusedUnlessTheConfigOverrides() throws {
    var trace = lenet5()
    trace.layers[0].approximation = ApproximationSettings(weightSRAMVoltage: 0.66)
    trace.layers[2].approximation = ApproximationSettings(weightSRAMVoltage: 0.85)
    #expect(throws: FlexFlowMappingError.self) { try FlexFlowMapper.plan(trace, on: FlexFlowConfig()) }
    let plan = try FlexFlowMapper.plan(trace, on: FlexFlowConfig(kernelStorageVolts: 0.85))
    #expect(plan.kernelStorageVolts == 0.85)
  }

  @Test func kernelTooLargeForTheLocalStoresIsAMappingError() {
    let layer = TraceLayer(
      name: "big",
      operation: .conv2d(
        ConvolutionShape(input: TensorShape(channels: 1, height: 40, width: 40), kernelHeight: 11, kernelWidth: 11, filters: 2)))
    let trace = NetworkTrace(name: "t", provenance: Provenance(source: "test"), layers: [layer])
    #expect(throws: FlexFlowMappingError.self) {
      try FlexFlowMapper.plan(trace, on: FlexFlowConfig(side: 1, neuronLocalStoreBytes: 64, kernelLocalStoreBytes: 64))
    }
  }

  /// The example config names the model, table and trace the lead wires up.
  @Test func exampleConfigNamesTheFlexFlowModel() throws {
    let root = try JSONParser.parse(try Repository.text("configs/flexflow-16x16.json"))
    guard case .object(let object) = root else {
      Issue.record("configs/flexflow-16x16.json is not an object")
      return
    }
    #expect(object["model"] == .string("flexflow"))
    #expect(object["energyTable"] == .string("energy/flexflow-65nm.json"))
    #expect(object["trace"] == .string("../traces/lenet5.json"))
  }
}
