/// WebP files as RIFF chunks: libvips 8.14's WebP encoder writes an EXIF chunk (resolution,
/// orientation, size) whatever `strip` says, so bantin takes the metadata chunks out itself.
enum WebPChunks {
    /// `webp` without its `EXIF`, `XMP ` and `ICCP` chunks, and with the extended header's flags
    /// for them cleared; a file that is not a well-formed WebP is returned as it is.
    static func strippingMetadata(_ webp: [UInt8]) -> [UInt8] {
        guard webp.count >= 12, webp[0..<4].elementsEqual("RIFF".utf8), webp[8..<12].elementsEqual("WEBP".utf8) else { return webp }
        var kept: [UInt8] = []
        var at = 12
        while at + 8 <= webp.count {
            let name = webp[at..<(at + 4)]
            let size = Int(webp[at + 4]) | Int(webp[at + 5]) << 8 | Int(webp[at + 6]) << 16 | Int(webp[at + 7]) << 24
            let end = at + 8 + size + (size & 1)
            guard end <= webp.count || (end == webp.count + 1 && size & 1 == 1) else { return webp }
            let chunk = webp[at..<min(end, webp.count)]
            if ["EXIF", "XMP ", "ICCP"].contains(where: { name.elementsEqual($0.utf8) }) {
                // left out
            } else if name.elementsEqual("VP8X".utf8), size >= 1 {
                var header = Array(chunk)
                header[8] &= ~UInt8(0x20 | 0x08 | 0x04)  // ICC profile, EXIF, XMP
                kept += header
            } else {
                kept += chunk
            }
            at = end
        }
        guard at >= webp.count else { return webp }
        let riffSize = UInt32(4 + kept.count)
        return Array("RIFF".utf8) + withUnsafeBytes(of: riffSize.littleEndian, Array.init) + Array("WEBP".utf8) + kept
    }
}
