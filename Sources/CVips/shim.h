// libvips for bantin. Its operations take optional arguments as a NULL-terminated list, which
// Swift cannot pass: each call bantin makes is written out here, with its options fixed.
#include <vips/vips.h>
// mallopt, to tune glibc for the megabyte buffers of decoding and encoding (see PhotoCodec).
#include <malloc.h>
// dlsym, to ask the libwebp libvips loaded for its version.
#include <dlfcn.h>

/// libvips's switch for its vector code (declared in its `vips/vector.h`, which `vips.h` leaves
/// out and which needs ORC's headers).
void vips_vector_set_enabled(gboolean enabled);

/// The version of the libwebp libvips encodes WebP with, as `WebPGetEncoderVersion` gives it
/// (`0x010204` for 1.2.4), or -1 when none is loaded: the system's libwebp can change while
/// libvips's version stays.
static inline int bantin_webp_encoder_version(void) {
    int (*version)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "WebPGetEncoderVersion");
    return version ? version() : -1;
}

/// Opens a photo for its header only (nothing is decoded until pixels are asked for).
static inline VipsImage *bantin_vips_open(const char *path) {
    return vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// Decodes a photo once, shrinking while loading, upright (EXIF orientation applied), in sRGB,
/// at most `width` pixels wide (never enlarged); a file cut short is an error, not a grey band.
/// `profiled`: the photo has a colour profile of its own, through which it is converted to sRGB
/// (a photo without one is taken as sRGB already, which spares a transform of every pixel).
/// `strict`: any warning of the decoder is an error too (a JPEG's damaged data, which libjpeg
/// only warns of and shows grey).
/// `shrink`: for a CMYK photo with a profile, the JPEG loader's shrink (1, 2, 4 or 8; 0 for a
/// loader that has none) that keeps it at least `width` wide: libvips's thumbnail converts CMYK
/// through its built-in profile even when the photo has one (a print shop's, an agency's), which
/// turns greys magenta; so such a photo is read shrunk and in order, converted through its own
/// profile into memory, then shrunk the rest of the way and turned upright.
static inline int bantin_vips_thumbnail(const char *path, VipsImage **out, int width, int profiled, int strict, int shrink) {
    VipsFailOn fail_on = strict ? VIPS_FAIL_ON_WARNING : VIPS_FAIL_ON_TRUNCATED;
    if (profiled && shrink) {
        VipsImage *in = shrink > 1
            ? vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", fail_on, "shrink", shrink, NULL)
            : vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", fail_on, NULL);
        if (!in) return -1;
        VipsImage *srgb = NULL;
        int status = vips_icc_transform(in, &srgb, "srgb", "embedded", TRUE, NULL);
        g_object_unref(in);
        if (status) return status;
        VipsImage *memory = vips_image_copy_memory(srgb);
        g_object_unref(srgb);
        if (!memory) return -1;
        status = vips_thumbnail_image(memory, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
        g_object_unref(memory);
        return status;
    }
    if (profiled)
        return vips_thumbnail(path, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                              "export_profile", "srgb", "fail_on", fail_on, NULL);
    return vips_thumbnail(path, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                          "fail_on", fail_on, NULL);
}

/// A WebP photo is opened from memory, its `length` bytes at `data`, read first: libvips's WebP
/// loader maps its file, and a photo another program rewrites meanwhile (a copy over it, a sync
/// client) would end the process with SIGBUS. Its header only, as `bantin_vips_open`.
static inline VipsImage *bantin_vips_open_memory(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// `bantin_vips_thumbnail` of a WebP photo in memory (see `bantin_vips_open_memory`).
static inline int bantin_vips_thumbnail_memory(const void *data, size_t length, VipsImage **out, int width, int profiled) {
    if (profiled)
        return vips_thumbnail_buffer((void *)data, length, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                                     "export_profile", "srgb", "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    return vips_thumbnail_buffer((void *)data, length, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                                 "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

/// `in` scaled by `scale` (below 1) with libvips's default kernel (lanczos3).
static inline int bantin_vips_resize(VipsImage *in, VipsImage **out, double scale) {
    return vips_resize(in, out, scale, NULL);
}

/// `in` with its transparency laid on white (JPEG has no alpha).
static inline int bantin_vips_flatten_white(VipsImage *in, VipsImage **out) {
    double white[3] = {255, 255, 255};
    VipsArrayDouble *background = vips_array_double_new(white, 3);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

/// Removes every piece of metadata from `image` (EXIF, GPS, XMP, IPTC, ICC profile, maker
/// notes…), so that no encoder can write it (libvips 8.14's WebP encoder keeps EXIF and XMP
/// despite `strip`). `image` must not be shared yet.
static inline void bantin_vips_remove_metadata(VipsImage *image) {
    gchar **fields = vips_image_get_fields(image);
    for (int i = 0; fields[i] != NULL; i++) vips_image_remove(image, fields[i]);
    g_strfreev(fields);
}

/// Encoders: every piece of metadata (EXIF, GPS, XMP, IPTC, ICC) stripped.
static inline int bantin_vips_jpeg(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
}

static inline int bantin_vips_webp(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, NULL);
}

static inline int bantin_vips_png(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, "strip", TRUE, "compression", 6, NULL);
}

static inline void bantin_vips_unref(VipsImage *image) { g_object_unref(image); }
