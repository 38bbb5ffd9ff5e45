#!/usr/bin/env python3
"""Generate the photo benchmark: N articles, each with a 4000×3000 camera-like JPEG.

    generate_photos.py N WORK_DIR

Writes, under WORK_DIR (benchmark-work/photos when run by bench/photos):

    originals/anh-NNN.jpg        the photos, shared by every N (photo i is the same for any N)
    originals/base-K.jpg         the plasma fractals they are cut from (about 21 MB each), kept
    originals/recipe.json        how they were made; a different recipe makes them again
    N/content/                   a bantin bulletin: site.yml, directives, themes, N articles whose
                                 `image:` is media/<yyyy>/anh-NNN.jpg (a hard link to the original)
    N/hugo/                      a Hugo 0.111 site with the same articles as page bundles
                                 (posts/<slug>/index.md + anh-NNN.jpg), whose single template makes
                                 the same six variants as bantin (480, 960, 1600 × WebP, JPEG, q80)
    N/photos.json                the photos: file, stem, stored and displayed size, orientation, GPS
    N/photos.tsv, N/photos.txt   each photo's stem and path; a line that describes them

How a photo is made (deterministic: ImageMagick's -seed, random.Random seeded by the photo's
number, no clock): BASES plasma fractals of 4800×3600 with a little sensor-like noise are
drawn by ImageMagick (`/usr/bin/convert`, the slow step: kept in originals/); photo i takes
base (i - 1) mod BASES, and libvips cuts a 4000×3000 window from it at a seeded offset, maybe
flips it, tints it and saves it as a JPEG of quality 92 with 4:2:0 chroma (3–8 MB, like a
phone's). exiftool then writes a camera's tags: Make, Model, DateTimeOriginal, a GPS position
in Việt Nam, and Orientation: 6 (the phone was held upright, the pixels are stored sideways)
for every photo i with i mod 5 = 2, else 1.

The articles' text comes from bench/generate.py (the same Corpus as the text benchmark).
Python 3 standard library only; ImageMagick, libvips-tools and exiftool from Debian.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from random import Random

sys.dont_write_bytecode = True  # no bench/__pycache__ in the worktree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (bench/generate.py: word lists, Corpus, the bantin content folder)

CONVERT = "/usr/bin/convert"  # ImageMagick itself: /usr/local/bin/convert may be something else
WIDTH, HEIGHT = 4000, 3000
MARGIN_X, MARGIN_Y = 800, 600  # a base is this much larger than a photo: room for the crop
BASES = 6
JPEG_QUALITY = 92
# Everything that decides the photos' bytes; originals/ is made again when it changes.
RECIPE = {
    "version": 1,
    "size": [WIDTH, HEIGHT],
    "margin": [MARGIN_X, MARGIN_Y],
    "bases": BASES,
    "quality": JPEG_QUALITY,
    "noise": "Gaussian 0.4",
    "chroma": "4:2:0",  # as phones save; libvips would keep full chroma from quality 90 up
}

CAMERAS = [("Apple", "iPhone 13"), ("samsung", "SM-A546E"), ("Xiaomi", "Redmi Note 12"),
           ("Canon", "Canon EOS 850D"), ("OPPO", "CPH2343")]


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def stem(i):
    return f"anh-{i:03d}"


def make_base(folder, k):
    """Base k: a seeded plasma fractal with a little noise, as a near-lossless JPEG."""
    path = os.path.join(folder, f"base-{k}.jpg")
    if os.path.exists(path):
        return path
    part = os.path.join(folder, f"base-{k}.part.jpg")
    run(CONVERT, "-seed", str(1000 + k), "-size", f"{WIDTH + MARGIN_X}x{HEIGHT + MARGIN_Y}", "plasma:fractal",
        "-attenuate", RECIPE["noise"].split()[1], "+noise", RECIPE["noise"].split()[0],
        "-quality", "97", part)
    os.rename(part, path)
    return path


def photo_plan(i):
    """The seeded choices for photo i: window, flip, tint, camera tags."""
    rng = Random(f"bantin-photo-{i}")
    cam = rng.choice(CAMERAS)
    return {
        "stem": stem(i),
        "base": (i - 1) % BASES,
        "left": rng.randrange(MARGIN_X + 1),
        "top": rng.randrange(MARGIN_Y + 1),
        "flip": rng.choice([None, "horizontal", "vertical"]),
        "gain": [round(rng.uniform(0.8, 1.15), 3) for _ in range(3)],
        "offset": [rng.randrange(-12, 13) for _ in range(3)],
        "orientation": 6 if i % 5 == 2 else 1,
        # Somewhere in Việt Nam, to 5 decimals (about a metre), as a phone writes it.
        "lat": round(rng.uniform(8.6, 23.3), 5),
        "lon": round(rng.uniform(102.2, 109.4), 5),
        "make": cam[0],
        "model": cam[1],
        "taken": f"2023:{rng.randint(1, 12):02d}:{rng.randint(1, 28):02d} "
                 f"{rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
    }


def derive(bases, folder, plan):
    """Cuts, flips and tints the photo out of its base with libvips (the `vips` command)."""
    out = os.path.join(folder, plan["stem"] + ".jpg")
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        cur = os.path.join(tmp, "crop.v")
        run("vips", "extract_area", bases[plan["base"]], cur, str(plan["left"]), str(plan["top"]),
            str(WIDTH), str(HEIGHT))
        if plan["flip"]:
            nxt = os.path.join(tmp, "flip.v")
            run("vips", "flip", cur, nxt, plan["flip"])
            cur = nxt
        # After "--", a negative offset ("-5 -3 -9") is not taken for an option.
        run("vips", "linear", "--uchar", cur, f"{out}[Q={JPEG_QUALITY},subsample-mode=on]",
            " ".join(map(str, plan["gain"])), "--", " ".join(map(str, plan["offset"])))
    return out


def exif_args(path, plan):
    """exiftool arguments (one per line of an -@ file) that tag one photo like a phone would."""
    return [
        "-Make=" + plan["make"], "-Model=" + plan["model"], "-DateTimeOriginal=" + plan["taken"],
        f"-Orientation={plan['orientation']}",
        f"-GPSLatitude={plan['lat']}", "-GPSLatitudeRef=N",
        f"-GPSLongitude={plan['lon']}", "-GPSLongitudeRef=E",
        path, "-execute",
    ]


def make_originals(work, count):
    """Makes originals/anh-001.jpg … anh-<count>.jpg that are missing (all, if the recipe changed)."""
    folder = os.path.join(work, "originals")
    stamp = os.path.join(folder, "recipe.json")
    recipe = json.dumps(RECIPE, sort_keys=True)
    old = open(stamp, encoding="utf-8").read() if os.path.exists(stamp) else None
    if old != recipe:
        # Another recipe, or none: nothing in the folder can be trusted. The stamp goes first, so
        # that an interrupted run keeps what it finished (unfinished files have .part names).
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        with open(stamp, "w", encoding="utf-8") as f:
            f.write(recipe)
    for name in os.listdir(folder):  # left by an interrupted run
        if ".part" in name or name.startswith("tmp") or name == "exiftool.args":
            path = os.path.join(folder, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    plans = [photo_plan(i) for i in range(1, count + 1)]
    todo = [p for p in plans if not os.path.exists(os.path.join(folder, p["stem"] + ".jpg"))]
    if todo:
        workers = os.cpu_count() or 1
        needed = sorted({p["base"] for p in todo})
        drawn = sum(not os.path.exists(os.path.join(folder, f"base-{k}.jpg")) for k in needed)
        print(f"generate_photos: drawing {drawn} plasma fractal(s), deriving {len(todo)} photo(s) "
              f"on {workers} core(s)", file=sys.stderr)
        with ThreadPoolExecutor(workers) as pool:
            bases = dict(zip(needed, pool.map(lambda k: make_base(folder, k), needed)))
            # A photo appears under its final name only once it is tagged: write beside, then rename.
            made = list(pool.map(lambda p: derive(bases, folder, p | {"stem": p["stem"] + ".part"}), todo))
        args = []
        for path, plan in zip(made, todo):
            args += exif_args(path, plan)
        argfile = os.path.join(folder, "exiftool.args")
        with open(argfile, "w", encoding="utf-8") as f:
            f.write("\n".join(args[:-1]) + "\n")  # no -execute after the last photo
        # One exiftool for all the photos; -common_args applies to each -execute group.
        run("exiftool", "-@", argfile, "-common_args", "-overwrite_original", "-n", "-q")
        os.remove(argfile)
        for path, plan in zip(made, todo):
            os.rename(path, os.path.join(folder, plan["stem"] + ".jpg"))
    return folder, plans


# --------------------------------------------------------------------------
# The two sites
# --------------------------------------------------------------------------

HUGO_CONFIG = '''# Hugo side of bantin's photo benchmark (generated by bench/generate_photos.py): the same
# articles as page bundles, each photo resized to the six variants bantin makes.
baseURL = "/"
languageCode = "vi"
title = "Bản tin ảnh (dữ liệu thử)"
disableKinds = ["taxonomy", "term", "section", "RSS", "sitemap", "robotsTXT", "404"]
[permalinks]
posts = "/bai-viet/:slug/"
'''

HUGO_LAYOUTS = {
    "index.html": '''<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ site.Title }}</title></head><body>
<h1>{{ site.Title }}</h1>
<ul>{{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
''',
    # The six variants bantin makes of every photo, and a <picture> that uses them.
    "_default/single.html": '''<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<article><h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "anh-*.jpg" }}
{{ $w480 := .Resize "480x webp q80" }}{{ $w960 := .Resize "960x webp q80" }}{{ $w1600 := .Resize "1600x webp q80" }}
{{ $j480 := .Resize "480x jpg q80" }}{{ $j960 := .Resize "960x jpg q80" }}{{ $j1600 := .Resize "1600x jpg q80" }}
<figure><picture>
<source type="image/webp" srcset="{{ $w480.RelPermalink }} 480w, {{ $w960.RelPermalink }} 960w, {{ $w1600.RelPermalink }} 1600w" sizes="(min-width: 48rem) 46rem, 100vw">
<img src="{{ $j1600.RelPermalink }}" srcset="{{ $j480.RelPermalink }} 480w, {{ $j960.RelPermalink }} 960w, {{ $j1600.RelPermalink }} 1600w" sizes="(min-width: 48rem) 46rem, 100vw" width="{{ $j1600.Width }}" height="{{ $j1600.Height }}" alt="{{ $.Params.image_alt }}">
</picture><figcaption>{{ $.Params.image_caption }}</figcaption></figure>
{{ end }}
{{ .Content }}
</article></body></html>
''',
}


def link(src, dst):
    """The sites share the originals' bytes: a hard link (a copy where links are not possible)."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def image_fields(plan, serial):
    alt = f"Ảnh thử số {serial}: những mảng màu loang lổ như mây, nhiều sắc độ."
    caption = f"Quang cảnh nơi diễn ra sự kiện. (Ảnh chụp bằng {plan['model']})"
    return alt, caption


def write_sites(out, originals, plans, n):
    content, hugo = os.path.join(out, "content"), os.path.join(out, "hugo")
    for folder in (content, hugo):
        if os.path.exists(folder):
            shutil.rmtree(folder)
    generate.write_bantin_static(content)
    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    generate.write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        generate.write(os.path.join(hugo, "layouts", rel), text)
    corpus = generate.Corpus(n)
    manifest = []
    for a, plan in zip(corpus.articles(0), plans):
        name = plan["stem"] + ".jpg"
        original = os.path.join(originals, name)
        ym = f"{a['date'].year:04d}/{a['date'].month:02d}"
        image = f"media/{a['date'].year:04d}/{name}"
        alt, caption = image_fields(plan, a["serial"])
        extra = f"image: {image}\nimage_alt: {generate.yq(alt)}\nimage_caption: {generate.yq(caption)}\n---\n"
        # bantin: the generator's article with the image fields before the closing ---.
        front = generate.bantin_front_matter(a)
        front = front[: front.rindex("---\n")] + extra
        article = os.path.join(content, "articles", ym, a["slug"] + ".md")
        os.makedirs(os.path.dirname(article), exist_ok=True)
        generate.write(article, front + a["body"])
        link(original, os.path.join(content, image))
        # Hugo: a page bundle with the same text and the photo beside it.
        bundle = os.path.join(hugo, "content", "posts", a["slug"])
        os.makedirs(bundle)
        generate.write(os.path.join(bundle, "index.md"),
                       f"---\ntitle: {generate.yq(a['title'])}\ndate: {a['datetime']}\nslug: {a['slug']}\n"
                       f"summary: {generate.yq(a['summary'])}\n" + extra + a["body"])
        link(original, os.path.join(bundle, name))
        sideways = plan["orientation"] in (5, 6, 7, 8)
        manifest.append({
            "stem": plan["stem"], "bantin": os.path.join(content, image),
            "width": WIDTH, "height": HEIGHT, "orientation": plan["orientation"],
            "shown": [HEIGHT, WIDTH] if sideways else [WIDTH, HEIGHT],
            "gps": [plan["lat"], plan["lon"]],
        })
    with open(os.path.join(out, "photos.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    with open(os.path.join(out, "photos.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{p['stem']}\t{os.path.abspath(p['bantin'])}\n" for p in manifest)
    sizes = [os.path.getsize(p["bantin"]) for p in manifest]
    summary = (f"{n} photos of {WIDTH}×{HEIGHT}, {min(sizes) / 1e6:.1f}–{max(sizes) / 1e6:.1f} MB "
               f"({sum(sizes) / 1e6:.0f} MB in all), each with a GPS position; "
               f"{sum(p['orientation'] == 6 for p in manifest)} stored sideways with orientation 6")
    with open(os.path.join(out, "photos.txt"), "w", encoding="utf-8") as f:
        f.write(summary + "\n")
    return summary


def main(argv):
    parser = argparse.ArgumentParser(description="Generate the photo benchmark's bulletin of N articles with photos.")
    parser.add_argument("n", type=int, metavar="N", help="number of articles (one photo each), 1 to 1000")
    parser.add_argument("work", metavar="WORK_DIR", help="folder for originals/ and N/")
    args = parser.parse_args(argv)
    if not 1 <= args.n <= generate.CHUNK:
        parser.error(f"N must be between 1 and {generate.CHUNK}")
    for tool in (CONVERT, "vips", "exiftool"):
        if not shutil.which(tool):
            sys.exit(f"generate_photos: {tool} not found (apt-get install -y imagemagick libvips-tools "
                     "libimage-exiftool-perl)")
    originals, plans = make_originals(args.work, args.n)
    out = os.path.join(args.work, str(args.n))
    summary = write_sites(out, originals, plans, args.n)
    print(f"generate_photos: {summary}, in {out}", file=sys.stderr)

if __name__ == "__main__":
    main(sys.argv[1:])
