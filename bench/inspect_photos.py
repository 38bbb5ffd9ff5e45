#!/usr/bin/env python3
"""Read back the images a tool wrote for the photo benchmark.

    inspect_photos.py OUTPUT_DIR PHOTOS_JSON

Runs exiftool once over every JPEG, PNG, WebP, HEIC and AVIF file under OUTPUT_DIR and
prints one line of six fields for bench/photos:

    images  MiB  with_gps  with_metadata  upright/from_sideways  wider  unknown

- images, MiB: how many image files, and their total size;
- with_gps: files from which exiftool reads a GPS position (`GPSPosition`);
- with_metadata: files that carry an EXIF block (exiftool finds its byte order) or any XMP;
- upright/from_sideways: of the files made from a photo tagged orientation 5–8 (stored
  sideways), how many a browser shows portrait (height > width once the file's own
  orientation tag, if any, is applied), over how many there are;
- wider: files shown wider than their original is (an enlarged photo);
- unknown: image files whose name names no benchmark photo (`anh-NNN`).

A file belongs to photo anh-NNN when its name contains that stem: bantin's `anh-007-480.webp`,
Hugo's `anh-007_hu…_480x0_resize_q80_h2_box_2.webp`, vipsthumbnail's `anh-007-480.webp`.
"""

import json
import os
import re
import subprocess
import sys

EXTENSIONS = ("jpg", "jpeg", "png", "webp", "heic", "avif")
STEM = re.compile(r"anh-\d{3}")


def tags_of(record):
    """exiftool's "Group:Tag" keys (-G0) → {Tag: value}, and whether any tag is XMP."""
    tags = {"xmp": False}
    for key, value in record.items():
        group, _, tag = key.rpartition(":")
        tags[tag] = value
        tags["xmp"] |= group == "XMP"
    return tags


def shown_size(tags):
    w, h = tags.get("ImageWidth"), tags.get("ImageHeight")
    if not isinstance(w, int) or not isinstance(h, int):
        return None
    return (h, w) if tags.get("Orientation") in (5, 6, 7, 8) else (w, h)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    root, manifest = argv
    photos = {p["stem"]: p for p in json.load(open(manifest, encoding="utf-8"))}
    cmd = ["exiftool", "-json", "-n", "-G0", "-q", "-q", "-r", "-FileSize", "-ImageWidth", "-ImageHeight",
           "-EXIF:Orientation", "-GPSPosition", "-ExifByteOrder", "-XMP:All"]
    for ext in EXTENSIONS:
        cmd += ["-ext", ext]
    result = subprocess.run(cmd + [root], capture_output=True, text=True)
    # exiftool exits 1 when it finds no file at all.
    files = [tags_of(f) for f in json.loads(result.stdout)] if result.stdout.strip() else []
    images = len(files)
    size = sum(f.get("FileSize", 0) for f in files)
    gps = sum(1 for f in files if f.get("GPSPosition") not in (None, ""))
    metadata = sum(1 for f in files if "ExifByteOrder" in f or f["xmp"])
    upright = sideways = wider = unknown = 0
    for f in files:
        match = STEM.search(os.path.basename(f["SourceFile"]))
        photo = photos.get(match.group(0)) if match else None
        if photo is None:
            unknown += 1
            continue
        shown = shown_size(f)
        if shown is None:
            continue
        if photo["orientation"] in (5, 6, 7, 8):
            sideways += 1
            upright += shown[1] > shown[0]
        wider += shown[0] > photo["shown"][0]
    print(images, f"{size / 1048576:.1f}", gps, metadata, f"{upright}/{sideways}", wider, unknown)


if __name__ == "__main__":
    main(sys.argv[1:])
