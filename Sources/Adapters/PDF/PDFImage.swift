import CPangoCairo
import Glibc
import PortalKernel

/// A ``DocumentImage`` as a cairo surface: PNGs are decoded by cairo; JPEGs are passed through
/// unchanged (attached as `image/jpeg` mime data, which the PDF surface embeds directly) on a
/// placeholder surface of the JPEG's size.
///
/// Owns its surface, destroyed in `deinit`; used on the rendering thread only.
final class PDFImage {
    let surface: OpaquePointer
    let pixelWidth: Double
    let pixelHeight: Double

    /// Decodes `image`; throws `invalid` naming `field` when the data is not a readable image.
    init(_ image: DocumentImage, field: String) throws {
        let invalid = PortalError.invalid("The image cannot be read.", field: field)
        let surface: OpaquePointer
        switch image.format {
        case .png:
            surface = try Self.decodePNG(image.data, invalid: invalid)
        case .jpeg:
            surface = try Self.wrapJPEG(image.data, invalid: invalid)
        }
        self.surface = surface
        self.pixelWidth = Double(cairo_image_surface_get_width(surface))
        self.pixelHeight = Double(cairo_image_surface_get_height(surface))
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    private final class Reader {
        let data: [UInt8]
        var offset = 0
        init(_ data: [UInt8]) { self.data = data }
    }

    private static let read: cairo_read_func_t = { closure, buffer, length in
        guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
        let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard reader.offset + count <= reader.data.count else { return CAIRO_STATUS_READ_ERROR }
        reader.data.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + reader.offset, count: count)
        }
        reader.offset += count
        return CAIRO_STATUS_SUCCESS
    }

    private static func decodePNG(_ data: [UInt8], invalid: PortalError) throws -> OpaquePointer {
        let reader = Reader(data)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface else { throw invalid }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw invalid
        }
        return surface
    }

    private static func wrapJPEG(_ data: [UInt8], invalid: PortalError) throws -> OpaquePointer {
        guard let size = jpegSize(data), let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height)
        else { throw invalid }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let copy = malloc(data.count) else {
            cairo_surface_destroy(surface)
            throw invalid
        }
        data.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
        let status = cairo_surface_set_mime_data(
            surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self), UInt(data.count),
            { free($0) }, copy)
        guard status == CAIRO_STATUS_SUCCESS else {
            free(copy)
            cairo_surface_destroy(surface)
            throw invalid
        }
        return surface
    }

    /// The pixel size from a JPEG's start-of-frame marker, or `nil` if the data is not a JPEG.
    static func jpegSize(_ data: [UInt8]) -> (width: Int32, height: Int32)? {
        guard data.count > 4, data[0] == 0xFF, data[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < data.count {
            guard data[index] == 0xFF else { return nil }
            let marker = data[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = Int(data[index + 2]) << 8 | Int(data[index + 3])
            let isStartOfFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isStartOfFrame {
                let height = Int32(data[index + 5]) << 8 | Int32(data[index + 6])
                let width = Int32(data[index + 7]) << 8 | Int32(data[index + 8])
                return width > 0 && height > 0 ? (width, height) : nil
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }
}
