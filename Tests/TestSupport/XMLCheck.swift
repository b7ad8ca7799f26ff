import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Whether a document is well-formed XML (an SVG a browser will render rather than reject).
public enum XMLCheck {
  public static func isWellFormed(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
  }
}
