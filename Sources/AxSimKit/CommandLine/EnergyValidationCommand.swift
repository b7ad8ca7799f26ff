enum EnergyValidationCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 { 0 }
}
