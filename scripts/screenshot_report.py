"""Screenshots of the HTML report in a headless browser, at phone and desk widths.

    python scripts/screenshot_report.py REPORT.html [--out DIR] [--widths 390,1280] [--open]

Uses Chromium (or Google Chrome) in headless mode when one is installed
(`apt install chromium` on Debian); writes REPORT-<width>.png beside the
report or into --out. With --open, every "Why N?" explanation is shown
expanded, to check the explanation tables too. Look at the images: the score
bar must not overlap the title, and no chip or table may run past its card.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--open", action="store_true", help="show every explanation expanded")
    args = parser.parse_args()
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        sys.exit("no headless browser found (install chromium)")
    page = args.report.resolve()
    out = args.out or page.parent
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.open:
            expanded = Path(tmp) / page.name
            expanded.write_text(page.read_text(encoding="utf-8").replace("<details>", "<details open>"), encoding="utf-8")
            page = expanded
        for width in (int(w) for w in args.widths.split(",")):
            shot = out / f"{args.report.stem}-{width}.png"
            subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--window-size={width},{args.height}", f"--screenshot={shot}", page.as_uri()],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
            )
            print(shot)


if __name__ == "__main__":
    main()
