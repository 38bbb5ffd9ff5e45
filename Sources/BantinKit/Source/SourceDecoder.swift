import Foundation

/// Turns the bytes of a content or template file into the text the rest of the
/// pipeline sees: checked as UTF-8, byte-order mark and CR line endings removed,
/// NFC-normalised so decomposed and precomposed Vietnamese are the same text.
public enum SourceDecoder {
    /// `checkingConflicts`: whether a merge conflict left in the file is a failure (the caller
    /// may look for one itself, `conflict(in:path:)`, and read on).
    public static func decode(_ bytes: [UInt8], path: String, checkingConflicts: Bool = true) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
        }
        // What a crash or a power cut leaves of a file being saved: its size, in zero bytes.
        if !body.isEmpty, !body.contains(where: { $0 != 0 }) {
            return .failure(
                .error(path, line: 1, column: 1, "file holds only zero bytes (\(body.count)), as a file being saved when the computer crashed or lost power does: its text is lost; restore it from a copy (git, a backup) or write it again"))
        }
        if body.starts(with: [0xFF, 0xFE, 0, 0]) || body.starts(with: [0, 0, 0xFE, 0xFF]) {
            return .failure(.error(path, line: 1, column: 1, "file is saved as UTF-32; save it as UTF-8"))
        }
        // Notepad's "Unicode" is UTF-16: its byte-order mark says so, or, without one, a zero
        // byte beside each of its first letters (`---` is `-` and 0, three times).
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) || isUTF16WithoutMark(body) {
            return .failure(
                .error(path, line: 1, column: 1, "file is saved as UTF-16 (Notepad's \"Unicode\"); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"))
        }
        if checkingConflicts, let conflict = conflict(in: body, path: path) { return .failure(conflict) }
        // Validating while making the string is the fast path; the offset is found only for bad files.
        if let text = body.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) { return .success(normalize(text)) }
        if let bad = firstInvalidUTF8Offset(body) {
            let position = position(ofByte: bad, in: body)
            return .failure(
                .error(
                    path, line: position.line, column: position.column,
                    "file is not valid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true))); "
                        + "it may be saved in a legacy Vietnamese encoding (TCVN3/ABC, VNI or Windows-1258). "
                        + "Save it as Unicode UTF-8, or convert it, e.g. `iconv -f WINDOWS-1258 -t UTF-8`, "
                        + "or UniKey's converter for TCVN3 and VNI"))
        }
        let text = String(decoding: body, as: UTF8.self)
        return .success(normalize(text))
    }

    /// UTF-16 with no byte-order mark: its first eight characters are ASCII with a zero byte
    /// before or after each, as no UTF-8 text is.
    static func isUTF16WithoutMark(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.count >= 16 else { return false }
        let start = Array(body.prefix(16))
        let even = stride(from: 0, to: 16, by: 2).map { start[$0] }, odd = stride(from: 1, to: 16, by: 2).map { start[$0] }
        let ascii = { (bytes: [UInt8]) in bytes.allSatisfy { $0 != 0 && $0 < 0x80 } }
        return (ascii(even) && odd.allSatisfy { $0 == 0 }) || (ascii(odd) && even.allSatisfy { $0 == 0 })
    }

    /// A merge conflict left in a text file published as it is (a theme's stylesheet or script,
    /// a drawing, a table, a feed, a map or a page of content/), which would break what loads it.
    /// A file larger than `conflictCheckedBytes` (a data set of hundreds of megabytes, which no
    /// one merges by hand) is not read for it: every build would read it whole.
    static func conflict(inPublished file: TreeEntry, displayRoot: String) -> Diagnostic? {
        guard publishedText.contains(PhotoNaming.fileExtension(of: file.relativePath)), (file.fileKey?.size ?? 0) <= conflictCheckedBytes,
            let bytes = Directory.contents(of: file.path) else { return nil }
        return conflict(in: bytes[...], path: ContentTree.join(displayRoot, file.relativePath))
    }

    /// The extensions of the text files published as they are that a merge may leave a conflict in.
    private static let publishedText: Set<String> = [
        "css", "js", "mjs", "json", "html", "htm", "xhtml", "xht", "svg", "xml", "rss", "atom", "txt", "csv", "tsv",
        "webmanifest", "kml", "gpx", "geojson", "vtt", "srt", "ics", "yml", "yaml",
    ]
    static let conflictCheckedBytes: Int64 = 16 << 20

    /// A merge conflict left in a file (`ConflictMarkers`) as an error at its first marker line.
    static func conflict(in body: ArraySlice<UInt8>, path: String) -> Diagnostic? {
        guard let at = body.withUnsafeBufferPointer(ConflictMarkers.first(in:)) else { return nil }
        let start = body.startIndex + at
        let line = String(decoding: body[start...].prefix { $0 != 0x0A && $0 != 0x0D }.prefix(60), as: UTF8.self)
        return .error(
            path, line: position(ofByte: start, in: body).line, column: 1,
            "a merge conflict is left in this file (the line `\(line)`): between `<<<<<<<` and `=======` is one version, between `=======` and `>>>>>>>` the other; keep the text meant, delete the marker lines, and build again")
    }

    /// CRLF and lone CR become LF; control characters become spaces (`isControl`); the text is
    /// put in Unicode normalisation form C.
    public static func normalize(_ text: String) -> String {
        var result = text
        if result.withUTF8({ buffer in buffer.baseAddress.map { memchr($0, 13, buffer.count) != nil } ?? false }) {
            result = result.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
        }
        if mayHoldControls(result) { result = withoutControls(result) }
        return isKnownNFC(result) ? result : result.precomposedStringWithCanonicalMapping
    }

    /// C0 controls but tab and newline, DEL, and C1 controls (U+0080–U+009F): text pasted from a
    /// word processor carries them (a vertical tab for a line break), and HTML forbids them. So
    /// are noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their like in every plane), which
    /// no XML may hold: a feed with one is no feed.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
            || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// `text` with each `isControl` character a space (so lines and columns stay where they were).
    static func withoutControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? " " : scalar) }
        return String(scalars)
    }

    /// Whether `text` may hold an `isControl` character: a byte below 0x20 but tab and newline,
    /// DEL, 0xC2 (which starts U+0080–U+00BF), or 0xEF and above (which start U+F000–U+FFFF and
    /// the planes above), sixteen bytes at a time.
    static func mayHoldControls(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            func flagged(_ v: SIMD16<UInt8>) -> Bool {
                let low = v.lanes(below: 0x20) & ~v.lanes(equalTo: 0x09) & ~v.lanes(equalTo: 0x0A)
                return (low | v.lanes(equalTo: 0x7F) | v.lanes(equalTo: 0xC2) | ~v.lanes(below: 0xEF)).firstMarkedLane != nil
            }
            var i = 0
            while i + 16 <= bytes.count {
                if flagged(SIMD16(loadingFrom: base + i)) { return true }
                i += 16
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { tail in
                tail.initialize(repeating: 0x20)
                _ = tail.update(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
                return flagged(SIMD16(loadingFrom: tail.baseAddress!))
            }
        }
    }

    /// True when every scalar is one that is NFC on its own and never composes with a neighbour:
    /// ASCII, Latin-1 and Latin Extended (below U+0300), precomposed Vietnamese (U+1E00–U+1EFF)
    /// and general punctuation. Most text is, and then normalising is skipped.
    static func isKnownNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            // Sixteen bytes at a time, each with the two after it; the last few are copied after
            // zeros (fine on their own: no character of valid UTF-8 is cut there).
            var i = 0
            while i + 18 <= bytes.count {
                guard sixteenAreKnownNFC(base + i) else { return false }
                i += 16
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { tail in
                let start = tail.baseAddress!
                start.initialize(repeating: 0, count: 48)
                start.update(from: base + i, count: bytes.count - i)
                return sixteenAreKnownNFC(start) && sixteenAreKnownNFC(start + 16)
            }
        }
    }

    /// Whether the sixteen bytes at `pointer` (the two after them read too) are known NFC: bytes
    /// below 0xCC are ASCII, continuation bytes, or lead bytes of U+0080–U+02FF, all fine; a lead
    /// byte from 0xCC up must start U+1E00–U+1EFF (0xE1 0xB8–0xBB) or U+2002–U+206F.
    @inline(__always)
    private static func sixteenAreKnownNFC(_ pointer: UnsafePointer<UInt8>) -> Bool {
        let v = SIMD16<UInt8>(loadingFrom: pointer)
        let next = SIMD16<UInt8>(loadingFrom: pointer + 1), after = SIMD16<UInt8>(loadingFrom: pointer + 2)
        let vietnamese = v.lanes(equalTo: 0xE1) & (next &- SIMD16(repeating: 0xB8)).lanes(below: 4)
        let punctuation =
            v.lanes(equalTo: 0xE2)
            & ((next.lanes(equalTo: 0x80) & ~after.lanes(below: 0x82)) | (next.lanes(equalTo: 0x81) & after.lanes(below: 0xB0)))
        return (~v.lanes(below: 0xCC) & ~(vietnamese | punctuation)).firstMarkedLane == nil
    }

    /// Byte offset (from `bytes.startIndex`) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        var consumed = bytes.startIndex
        // Re-walk to find exact offsets: decode scalar by scalar, tracking byte counts.
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    static func position(ofByte index: Int, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        var line = 1
        var lineStart = bytes.startIndex
        // Line breaks as `normalize` reads them: LF, CRLF, and a lone CR.
        for i in bytes.startIndex..<index where bytes[i] == 10 || (bytes[i] == 13 && (i + 1 == bytes.endIndex || bytes[i + 1] != 10)) {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return SourcePosition(line: line, column: column)
    }
}
