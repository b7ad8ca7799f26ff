import Arithmetic
import Testing

@Suite struct ArithmeticErrorTests {
  @Test func descriptionNamesTheModelTheParameterTheValueAndTheExpectation() {
    let error = #expect(throws: ArithmeticError.self) { try DRUMMultiplier(k: 20, operandBits: 16) }
    #expect(error?.model == "DRUMMultiplier" && error?.parameter == "k" && error?.value == "20")
    #expect(error?.description.hasPrefix("DRUMMultiplier: k = 20, expected 3...16 (") == true, "\(String(describing: error))")
  }

  @Test func everyModelReportsItselfByName() {
    let errors: [ArithmeticError?] = [
      #expect(throws: ArithmeticError.self) { try FixedPointFormat(wordBits: 40, fractionBits: 0) },
      #expect(throws: ArithmeticError.self) { try CANNAMultiplier(tuningBits: 30) },
      #expect(throws: ArithmeticError.self) { try MantissaMultiplier(bits: 30) },
      #expect(throws: ArithmeticError.self) { try NearThresholdSRAM(volts: 30) },
    ]
    #expect(
      errors.map { $0?.model } == ["FixedPointFormat", "CANNAMultiplier", "MantissaMultiplier", "NearThresholdSRAM"])
  }
}
