import AxJSON
import Energy

extension InputLoader {
  /// The directory of primitive files next to an energy table (`configs/energy/primitives`
  /// for `configs/energy/qcnpe-45nm.json`).
  public static func primitivesDirectory(besideTable tablePath: String) -> String {
    resolve("primitives", relativeTo: tablePath)
  }

  /// Every `*.json` primitive file of `directory` (sorted by name), as one library.
  public static func primitiveLibrary(_ directory: String) throws(AxSimError) -> PrimitiveLibrary {
    guard !directory.hasPrefix(embeddedPrefix) else {
      throw .input(file: directory, message: "the primitive library is not embedded; name a config file on disk")
    }
    let names = try FileSystem.fileNames(in: directory, withSuffix: ".json")
    guard !names.isEmpty else { throw .input(file: directory, message: "holds no primitive files (*.json)") }
    var primitives: [Primitive] = []
    var libraryNames: [String] = []
    for name in names {
      let path = directory + "/" + name
      let node = try json(path)
      do {
        let file = try PrimitiveLibrary.primitives(json: node)
        primitives += file.primitives
        libraryNames.append(file.name)
      } catch {
        throw .decode(error, fallbackFile: path)
      }
    }
    do {
      return try PrimitiveLibrary(primitives: primitives, libraryNames: libraryNames)
    } catch {
      throw .input(file: directory, message: error.description)
    }
  }
}
