#!/usr/bin/env python3
"""Measure search queries in headless Chromium (used by bench/search).

    search_queries.py --tool NAME --page URL --index-path PATH [--sizes-from-disk]
                      [--serve DIR] [--repeat R] [--json FILE] QUERY...

For each QUERY, opens PAGE?q=QUERY in one headless Chromium (`--headless=new --no-sandbox`,
Debian's `chromium` and `chromium-driver`, Selenium from PyPI) with the browser cache
disabled, R times after one unmeasured warm-up load, waits until `#search-status` starts with
"Tìm thấy" or "Không tìm thấy", waits until no script or file has arrived for 0.5 s, and
prints one Markdown row per query from the run with the median "results shown" time:

| query | tool | results | index files loaded | index KB loaded | last index file ms |
  needed index loaded ms | results shown ms | shown − loaded ms |

The index files are the resources whose URL path contains PATH (`/tim-kiem/chi-muc/` for
bantin, `/pagefind/` for Pagefind). Their bytes:
- with --sizes-from-disk (file:// pages, which have no transfer sizes), the size on disk of each
  file the page loaded. Chromium records no Resource Timing for file:// URLs, so those files are
  taken from the DevTools network log and from `load` events on <script> elements;
- with --serve DIR, DIR is served on 127.0.0.1 by python3 -m http.server's handler, which
  records every response: the bytes are what it sent (headers and body) for the index files,
  whoever asked for them (Pagefind fetches its index in a Web Worker, whose requests appear in
  neither the page's Resource Timing nor its DevTools log), and a file arrived when the server
  finished sending it. Every response says `Cache-Control: no-store`, since DevTools' "cache
  disabled" does not reach a worker: every load is a first visit;
- else the sum of Resource Timing's `transferSize`.

Times are milliseconds from the start of the navigation (`performance.now()` of the page):
- last index file: when the last index file arrived (its <script> `load` event, or its
  Resource Timing `responseEnd`);
- needed index loaded: `document.documentElement.dataset.searchLoadedAt` when the page sets
  it (when the last file the query needed arrived), else the last index file;
- results shown: `dataset.searchShownAt` when the page sets it, else when a MutationObserver
  installed before the page's own scripts saw `#search-status` say it found results (or found
  none), else the first poll (every 10 ms) that saw it.
"""

import argparse
import functools
import json
import os
import re
import sys
import threading
import time
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote, urlparse

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
except ImportError:  # pragma: no cover
    sys.exit("search_queries.py: selenium is missing: pip install selenium")

FOUND = ("Tìm thấy", "Không tìm thấy")

# Runs before the page's own scripts: records when every <script> loaded (or failed), and when
# #search-status first said that results were found (or none).
INSTRUMENT = r"""
(function () {
  if (window.__bench) return;
  var B = window.__bench = { loads: [], shownAt: null, shownText: null };
  try { performance.setResourceTimingBufferSize(100000); } catch (e) {}
  function record(kind) {
    return function (event) {
      var t = event.target;
      if (t && t.tagName === "SCRIPT" && t.src) B.loads.push([t.src, performance.now(), kind]);
    };
  }
  document.addEventListener("load", record("load"), true);
  document.addEventListener("error", record("error"), true);
  var observer = new MutationObserver(function () {
    var s = document.getElementById("search-status");
    if (!s || B.shownAt !== null) return;
    var text = s.textContent.normalize("NFC").trim();
    if (text.indexOf(FOUND0) === 0 || text.indexOf(FOUND1) === 0) {
      B.shownAt = performance.now();
      B.shownText = text;
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();
""".replace("FOUND0", json.dumps(FOUND[0])).replace("FOUND1", json.dumps(FOUND[1]))

# Waits in the page (no round trips while it works) for the status, then until nothing has
# arrived for `settle` ms, and returns what was measured.
WAIT = r"""
var done = arguments[arguments.length - 1], timeout = arguments[0], settle = arguments[1];
var found = [FOUND0, FOUND1], polledAt = null, start = performance.now();
function statusText() {
  var s = document.getElementById("search-status");
  return s ? s.textContent.normalize("NFC").trim() : null;
}
function count() {
  return (window.__bench ? window.__bench.loads.length : 0) + performance.getEntriesByType("resource").length;
}
function collect(timedOut) {
  var ds = document.documentElement.dataset;
  return {
    timeOrigin: performance.timeOrigin,
    timedOut: timedOut,
    status: statusText(),
    polledAt: polledAt,
    bench: window.__bench || null,
    shownMark: ds.searchShownAt === undefined ? null : Number(ds.searchShownAt),
    loadedMark: ds.searchLoadedAt === undefined ? null : Number(ds.searchLoadedAt),
    resources: performance.getEntriesByType("resource").map(function (e) {
      return { name: e.name, responseEnd: e.responseEnd, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize };
    })
  };
}
(function poll() {
  var text = statusText();
  if (text !== null && (text.indexOf(found[0]) === 0 || text.indexOf(found[1]) === 0)) {
    if (polledAt === null) polledAt = performance.now();
    var seen = count();
    (function quiet() {
      setTimeout(function () {
        var now = count();
        if (now !== seen && performance.now() - start < timeout) { seen = now; quiet(); }
        else done(collect(false));
      }, settle);
    })();
  } else if (performance.now() - start > timeout) {
    done(collect(true));
  } else {
    setTimeout(poll, 10);
  }
})();
""".replace("FOUND0", json.dumps(FOUND[0])).replace("FOUND1", json.dumps(FOUND[1]))


class Counting:
    """A write-only stream that counts the bytes written through it."""

    def __init__(self, inner):
        self.inner, self.count = inner, 0

    def write(self, data):
        self.count += len(data)
        return self.inner.write(data)

    def __getattr__(self, name):
        return getattr(self.inner, name)


class LoggingHandler(SimpleHTTPRequestHandler):
    """python3 -m http.server's handler, recording every response: when it was sent (wall
    clock), its path, status and the bytes sent (headers and body); and with `no-store`."""

    def setup(self):
        super().setup()
        self.wfile = Counting(self.wfile)

    def send_response(self, code, message=None):
        self.code = code
        super().send_response(code, message)

    def handle_one_request(self):
        before, self.code = self.wfile.count, None
        super().handle_one_request()
        if getattr(self, "path", None):
            self.server.requests.append({"path": self.path, "end": time.time() * 1000,
                                         "bytes": self.wfile.count - before, "status": self.code})

    def end_headers(self):
        # Every load cold: DevTools' "cache disabled" does not reach a Web Worker's requests.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def start_server(directory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(LoggingHandler, directory=directory))
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_browser(log_path):
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-extensions",
                "--no-first-run", "--window-size=1280,900"):
        options.add_argument(arg)
    binary = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(driver_path, log_output=log_path) if os.path.exists(driver_path) else Service(log_output=log_path)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(600)
    driver.set_page_load_timeout(600)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INSTRUMENT})
    return driver


def network_urls(driver):
    """URLs requested since the last call (DevTools network log), with their encoded lengths."""
    requests, lengths, failed = {}, {}, set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            requests[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFinished":
            lengths[params["requestId"]] = params.get("encodedDataLength", 0)
        elif method == "Network.loadingFailed":
            failed.add(params["requestId"])
    return [(url, lengths.get(rid), rid in failed) for rid, url in requests.items()]


def strip_query(url):
    return url.split("#", 1)[0].split("?", 1)[0]


def measure(driver, page, query, index_path, from_disk, timeout_ms, server=None):
    driver.get("about:blank")
    network_urls(driver)  # drain the log
    if server is not None:
        server.requests.clear()
    url = page + "?q=" + quote(query)
    driver.get(url)
    got = driver.execute_async_script(WAIT, timeout_ms, 500)
    net = network_urls(driver)

    files = {}  # url without query → {"bytes", "encoded", "transfer", "at", "failed"}
    def entry(u):
        return files.setdefault(strip_query(u), {"bytes": None, "encoded": 0, "transfer": 0, "at": None, "failed": False})
    for u, length, failed in net:
        if index_path in urlparse(u).path:
            e = entry(u)
            e["failed"] = e["failed"] or failed
            if length:
                e["transfer"] = max(e["transfer"], length)
    for r in got["resources"]:
        if index_path in urlparse(r["name"]).path:
            e = entry(r["name"])
            e["transfer"] = max(e["transfer"], r["transferSize"] or 0)
            e["encoded"] = max(e["encoded"], r["encodedBodySize"] or 0)
            e["at"] = max(e["at"] or 0, r["responseEnd"])
    for src, at, kind in (got["bench"] or {}).get("loads", []):
        if index_path in urlparse(src).path:
            e = entry(src)
            if kind == "error":
                e["failed"] = True
            e["at"] = max(e["at"] or 0, at)
    if server is not None:
        # What the server sent is the truth: a Web Worker's requests (Pagefind searches in one)
        # are in neither the page's Resource Timing nor the DevTools log of the page.
        files = {}
        for r in list(server.requests):
            if index_path in urlparse(r["path"]).path:
                e = files.setdefault(strip_query(r["path"]), {"bytes": 0, "encoded": 0, "transfer": 0, "at": None, "failed": False})
                e["transfer"] += r["bytes"]
                e["bytes"] += r["bytes"]
                e["at"] = max(e["at"] or 0, r["end"] - got["timeOrigin"])
                e["failed"] = e["failed"] or not r["status"] or r["status"] >= 400
    elif from_disk:
        for u, e in files.items():
            path = unquote(urlparse(u).path)
            e["bytes"] = os.path.getsize(path) if os.path.isfile(path) else 0
    else:
        for e in files.values():
            e["bytes"] = e["transfer"]

    ok_files = {u: e for u, e in files.items() if not e["failed"]}
    times = [e["at"] for e in ok_files.values() if e["at"] is not None]
    last_file = max(times) if times else None
    bench = got["bench"] or {}
    if got["shownMark"] is not None:
        shown, shown_from = got["shownMark"], "page mark"
    elif bench.get("shownAt") is not None:
        shown, shown_from = bench["shownAt"], "observed"
    else:
        shown, shown_from = got["polledAt"], "polled"
    if got["loadedMark"] is not None:
        loaded, loaded_from = got["loadedMark"], "page mark"
    else:
        loaded, loaded_from = last_file, "last file"
    status = got["status"] or ""
    results = None
    if status.startswith(FOUND[1]):
        results = 0
    elif status.startswith(FOUND[0]):
        m = re.search(r"\d[\d.,\u00a0\u202f ]*", status)
        if m:
            results = int(re.sub(r"\D", "", m.group(0)))
    names = sorted(unquote(urlparse(u).path).split(index_path, 1)[-1] for u in ok_files)
    return {
        "query": query, "url": url, "timed_out": got["timedOut"], "status": status,
        "results": results,
        "files": len(ok_files), "failed_files": sorted(u for u, e in files.items() if e["failed"]),
        "bytes": sum(e["bytes"] or 0 for e in ok_files.values()),
        "encoded_bytes": sum(e["encoded"] for e in ok_files.values()) if server is None else None,
        "transfer_bytes": sum(e["transfer"] for e in ok_files.values()),
        "last_file_ms": last_file, "loaded_ms": loaded, "loaded_from": loaded_from,
        "shown_ms": shown, "shown_from": shown_from,
        "file_names": names,
    }


def file_counts(names):
    """"8 (3 t-, 3 bai/, 1 p-)": how many files, and how many in each folder or of each prefix
    (t-: word shards, p-: neighbouring-word pairs)."""
    groups = {}
    for name in names:
        prefix = next((p for p in ("t-", "p-") if name.startswith(p)), None)
        key = name.split("/", 1)[0] + "/" if "/" in name else prefix
        if key:
            groups[key] = groups.get(key, 0) + 1
    detail = ", ".join("%d %s" % (n, k) for k, n in sorted(groups.items(), key=lambda kv: -kv[1]))
    return "%d (%s)" % (len(names), detail) if detail else str(len(names))


def ms(value):
    return "–" if value is None else "%.0f" % value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--page", required=True, help="the search page's URL, without ?q= (with --serve, its path)")
    parser.add_argument("--serve", metavar="DIR", help="serve DIR on 127.0.0.1 (http.server) and open the page there")
    parser.add_argument("--index-path", required=True, help="what the index files' URL paths contain")
    parser.add_argument("--sizes-from-disk", action="store_true", help="file:// pages: take the files' sizes from disk")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for results")
    parser.add_argument("--json", help="write every run's measurements here")
    parser.add_argument("--driver-log", default=os.devnull)
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args()

    server = None
    if args.serve:
        server = start_server(args.serve)
        args.page = "http://127.0.0.1:%d/%s" % (server.server_address[1], args.page.lstrip("/"))
    driver = start_browser(args.driver_log)
    runs = {}
    try:
        version = driver.capabilities.get("browserVersion", "?")
        # One unmeasured load first: the browser's processes and the page's own files warm up.
        measure(driver, args.page, args.queries[0], args.index_path, args.sizes_from_disk, args.timeout * 1000, server)
        for query in args.queries:
            q = unicodedata.normalize("NFC", query)
            runs[q] = [measure(driver, args.page, q, args.index_path, args.sizes_from_disk, args.timeout * 1000, server)
                       for _ in range(args.repeat)]
    except WebDriverException as error:
        sys.exit("search_queries.py: Chromium failed: %s" % error.msg)
    finally:
        driver.quit()
        if server is not None:
            server.shutdown()

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"tool": args.tool, "chromium": version, "runs": runs}, f, ensure_ascii=False, indent=1)
    for q, rs in runs.items():
        timed = [r for r in rs if r["shown_ms"] is not None]
        if timed:
            order = sorted(timed, key=lambda r: r["shown_ms"])
            r = order[(len(order) - 1) // 2]  # the median run (the lower one of an even count)
        else:
            r = rs[0]
        if r["timed_out"]:
            print("search_queries.py: %s, “%s”: no results after %.0f s; status: %r" % (args.tool, q, args.timeout, r["status"]), file=sys.stderr)
        if r["failed_files"]:
            print("search_queries.py: %s, “%s”: %d index files failed to load, e.g. %s" % (args.tool, q, len(r["failed_files"]), r["failed_files"][0]), file=sys.stderr)
        diff = None if r["shown_ms"] is None or r["loaded_ms"] is None else r["shown_ms"] - r["loaded_ms"]
        marks = "" if r["shown_from"] == "page mark" and r["loaded_from"] == "page mark" else \
            " (shown: %s; loaded: %s)" % (r["shown_from"], r["loaded_from"])
        print("| `%s` | %s | %s | %s | %.1f | %s | %s | %s%s | %s |" % (
            q, args.tool, "–" if r["results"] is None else r["results"], file_counts(r["file_names"]), r["bytes"] / 1000,
            ms(r["last_file_ms"]), ms(r["loaded_ms"]), ms(r["shown_ms"]), marks, ms(diff)))
        shown_all = ", ".join(ms(x["shown_ms"]) for x in rs)
        print("search_queries.py: %s, “%s”: status “%s”; results shown at %s ms in the %d runs" % (
            args.tool, q, r["status"], shown_all, len(rs)), file=sys.stderr)
    print("chromium " + version, file=sys.stderr)


if __name__ == "__main__":
    main()
