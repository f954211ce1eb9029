"""Tests for how ``backlinkkit audit`` reads its inputs (pages, --manifest, --sources,
--engagement, --niche, --target): issue 12 §6 — a row with more cells than the header,
an error inside a row, an unknown niche or a target that matches nothing is one line
naming file and line, status 2; a column the command does not understand is named, not
silently ignored; a file that is not a page, or one listed twice, is named in a warning
and the status is 1.  And the manifest's per-page content_type and charset (issue 12 §1).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from backlinkkit.cli import main

BLOG = (
    b'<!doctype html><meta charset=utf-8><article><a href="https://example.com/g">g</a></article>'
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "blog.html").write_bytes(BLOG)
    (tmp_path / "manifest.csv").write_text("file,url\nblog.html,https://blog.example.org/p\n")
    return tmp_path


def audit(folder: Path, *extra: str) -> list[str]:
    return [
        "audit",
        "--manifest",
        str(folder / "manifest.csv"),
        "--target",
        "example.com",
        "--format",
        "csv",
        *extra,
    ]


def one_error(err: str) -> str:
    assert err.count("\n") == 1, err
    assert err.startswith("backlinkkit: error: ")
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("option", "content"),
    [
        ("--manifest", "file,url\nblog.html,https://blog.example.org/p,surplus\n"),
        ("--sources", "page,authority\nblog.example.org,40,7\n"),
        ("--engagement", "page,likes\nhttps://blog.example.org/p,3,4\n"),
    ],
)
def test_a_row_with_more_cells_than_the_header(
    folder: Path, capsys: pytest.CaptureFixture[str], option: str, content: str
) -> None:
    path = folder / "input.csv"
    path.write_text(content)
    argv = audit(folder, option, str(path))
    if option == "--manifest":
        argv = ["audit", "--manifest", str(path), "--target", "example.com"]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    line = one_error(err)
    assert f"{path}: line 2, column 3: 3 fields where the header has 2" in line


def test_the_line_is_the_one_the_record_starts_on(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "sources.csv"
    # a quoted cell over two lines (RFC 4180 §2.6), then a blank line, then the bad row
    path.write_text('page,tier\n"blog.example.org",high\n\nx.example,low,extra\n')
    code, _, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 2
    assert f"{path}: line 4, column 3" in one_error(err)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty: no header line"),
        (b"page,likes\nhttps://blog.example.org/p,\xff\n", "line 2: not UTF-8 text"),
        (b"page,likes,page\n", "line 1, column 3: the header names 'page' again"),
    ],
)
def test_unreadable_files_are_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = folder / "engagement.csv"
    path.write_bytes(content)
    code, out, err = run(audit(folder, "--engagement", str(path)), capsys)
    assert (code, out) == (2, "")
    assert f"engagement {path}: {problem}" in one_error(err)


def test_an_unknown_sources_column_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "sources.csv"
    path.write_text("page,DR,authority,Traffic\nblog.example.org,55,40,900\n")
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 0
    assert "https://example.com/g" in out  # the audit still runs
    assert err.count("\n") == 1
    assert err.startswith(f"backlinkkit: warning: sources {path}: columns 'DR', 'Traffic' ")
    assert "not understood, ignored" in err
    assert "authority" in err.partition("understood:")[2]


@pytest.mark.parametrize(
    "content",
    [
        "page,ahrefs-dr\nblog.example.org,80\n",
        "page,Ahrefs-DR,moz-da\nblog.example.org,80,\n",
        "page,metric,value\nblog.example.org,ahrefs-dr,80\n",
    ],
)
def test_named_metric_columns_are_read_not_warned_about(
    folder: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    # A column named after a metric (SourceMetrics.from_record) is read with that metric's
    # own scale; the command must not call it "not understood".  By hand (docs/model.md):
    # Ahrefs DR 80 with its scale s = 20: 10^(80/20) × 0.85 damping × 1/1 (the page's only
    # link, in content) = 8500.
    path = folder / "sources.csv"
    path.write_text(content)
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert (code, err) == (0, "")
    (record,) = csv.DictReader(io.StringIO(out))
    assert record["coverage_metric"] == "ahrefs-dr"
    assert float(record["direct"]) == pytest.approx(10**4 * 0.85)


def test_sources_may_be_a_vendor_export(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An export in Ahrefs' backlinks layout (seo-data.md §1: "Referring page URL", "Target
    # URL", "Domain rating", "Last seen") lists the blog page twice: last seen in January
    # with DR 60, in March with DR 80.  The later crawl wins (ExportedBacklinks.sources), so
    # by hand as above: 10^(80/20) × 0.85 = 8500.  The third row's DR "abc" cannot be read:
    # a warning naming file, line and column, the row left out, status 1.
    path = folder / "ahrefs.csv"
    path.write_text(
        "Referring page URL,Target URL,Domain rating,Last seen\n"
        "https://blog.example.org/p,https://example.com/g,60,2026-01-04\n"
        "https://blog.example.org/p,https://example.com/h,80,2026-03-02\n"
        "https://news.example.net/a,https://example.com/g,abc,2026-03-02\n"
    )
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 1
    (record,) = csv.DictReader(io.StringIO(out))
    assert record["coverage_metric"] == "ahrefs-dr"
    assert float(record["direct"]) == pytest.approx(10**4 * 0.85)
    assert err.count("\n") == 1
    assert err.startswith(f"backlinkkit: warning: {path}:4:3 (Domain rating): ")
    assert err.rstrip().endswith("row left out")


def test_sources_from_an_export_without_metrics_warn(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Search Console's "Latest links" (seo-data.md §1: "Linking page", "Last crawled") has
    # no metric: nothing to give the model, and the command says so.
    path = folder / "latest.csv"
    path.write_text("Linking page,Last crawled\nhttps://blog.example.org/p,2026-03-02\n")
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert code == 0
    (record,) = csv.DictReader(io.StringIO(out))
    assert record["coverage_authority"] == "default"
    assert err.startswith(f"backlinkkit: warning: sources {path}: a gsc export with no metric")


def test_a_sources_csv_shaped_like_a_search_console_report_stays_a_sources_csv(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "page,authority,spam_score" over a site and two numbers has the shape of Search
    # Console's "Top linking sites" (read_export recognises it by shape): --sources takes
    # an export only when its header texts are a vendor's.
    path = folder / "sources.csv"
    path.write_text("page,authority,spam_score\nexample.org,52,3\n")
    code, out, err = run(audit(folder, "--sources", str(path)), capsys)
    assert (code, err) == (0, "")
    (record,) = csv.DictReader(io.StringIO(out))
    assert (record["coverage_authority"], record["coverage_metric"]) == ("given", "authority")


GA4 = (
    "# Traffic acquisition: Session source / medium\n"
    "# Start date: 20240501\n"
    "Session source / medium,Landing page + query string,Sessions\n"
    "blog.example.org / referral,/g?utm_source=newsletter,7\n"
    "google / organic,/g,40\n"
)


def test_referrals_credit_measured_sessions_to_the_link_that_landed_them(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # audit.REFERRAL_RULE: a host source's sessions go to the links on that host's pages
    # whose landing URL has the row's landing page (utm_* dropped); organic search to none.
    path = folder / "ga4.csv"
    path.write_text(GA4)
    code, out, err = run(audit(folder, "--referrals", str(path)), capsys)
    assert (code, err) == (0, "")
    (record,) = csv.DictReader(io.StringIO(out))
    assert record["target_url"] == "https://example.com/g"
    assert float(record["referral_sessions"]) == 7
    assert float(record["social_visits_delivered"]) == 7
    assert record["coverage_traffic"] == "measured"
    table = [*audit(folder, "--referrals", str(path)), "--format", "table"]
    code, out, _ = run(table, capsys)
    assert "referrals: measured sessions credited to 1 backlinks (7 sessions)" in out
    assert "40 sessions matched no backlink" in out


def test_an_unreadable_referrals_row_is_a_warning_and_status_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "ga4.csv"
    path.write_text(GA4 + "t.co / referral,/g,many\n")
    code, out, err = run(audit(folder, "--referrals", str(path)), capsys)
    assert code == 1
    assert err == (
        f"backlinkkit: warning: referrals: {path}:6: column 'Sessions': "
        "'many' is not a whole number: row left out\n"
    )
    (record,) = csv.DictReader(io.StringIO(out))
    assert float(record["referral_sessions"]) == 7  # the rest loaded


def test_referrals_that_are_not_an_export_or_for_two_targets_are_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(audit(folder, "--referrals", str(folder / "manifest.csv")), capsys)
    assert (code, out) == (2, "")
    assert "not a GA4 or Universal Analytics export" in one_error(err)
    path = folder / "ga4.csv"
    path.write_text(GA4)
    two = [*audit(folder, "--referrals", str(path)), "--target", "example.net"]
    code, out, err = run(two, capsys)
    assert (code, out) == (2, "")
    assert "one site's traffic; give one --target, not 2" in one_error(err)


def test_an_unknown_engagement_column_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "engagement.csv"
    path.write_text("page,likes,retweets\nhttps://blog.example.org/p,3,9\n")
    code, _, err = run(audit(folder, "--engagement", str(path)), capsys)
    assert code == 0
    assert f"engagement {path}: column 'retweets' not understood" in err


def test_known_columns_in_any_case_give_no_warning(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = folder / "sources.csv"
    sources.write_text(
        "Page,Authority,Spam_Score,Tier,Relevance,Open_PageRank\nblog.example.org,40,1,high,1,\n"
    )
    engagement = folder / "engagement.csv"
    engagement.write_text(
        "url,likes,shares,comments,clicks,impressions,followers,posted_at\n"
        "https://blog.example.org/p,1,2,3,4,5,6,2024-05-01T00:00:00Z\n"
    )
    argv = audit(folder, "--sources", str(sources), "--engagement", str(engagement))
    code, _, err = run([*argv, "--now", "2024-06-01T00:00:00Z"], capsys)
    assert (code, err) == (0, "")


def test_a_short_row_reads_as_empty_cells(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = folder / "manifest.csv"
    manifest.write_text("file,url,x_robots_tag\nblog.html,https://blog.example.org/p\n")
    code, out, err = run(audit(folder), capsys)
    assert (code, err) == (0, "")
    assert "https://blog.example.org/p" in out


# --------------------------------------------------------------------------- not pages

#: Files often passed instead of a saved page, each with the first bytes its format
#: specifies (PNG §5.2, JFIF, GIF89a, PDF 1.7 §7.5.2, ZIP APPNOTE 4.3.7, RFC 1952 §2.3.1)
#: and the kind the warning names.
NOT_PAGES = [
    ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "PNG image"),
    ("x.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01", "JPEG image"),
    ("x.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
    ("x.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
    ("x.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>>", "PDF document"),
    ("x.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
    ("page.html.gz", gzip.compress(BLOG), "gzip data: decompress it first"),
    ("x.warc", b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + BLOG, "WARC archive"),
    ("x.bin", b"<html>\x00\x01\x02" + BLOG, "binary data"),  # NUL bytes in the first KB
    ("empty.html", b"", "empty file"),
    ("blank.html", b" \n\t\r\n", "only white space"),
    ("urls.txt", b"https://example.com/a\nhttps://example.com/b\n", "text without any markup"),
]


@pytest.mark.parametrize(("name", "content", "kind"), NOT_PAGES)
def test_a_file_that_is_not_a_page_is_named_and_the_status_is_1(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, kind: str
) -> None:
    (folder / name).write_bytes(content)
    manifest = folder / "manifest.csv"
    manifest.write_text(
        f"file,url\nblog.html,https://blog.example.org/p\n{name},https://blog.example.org/x\n"
    )
    code, out, err = run(audit(folder, "--format", "json"), capsys)
    assert code == 1
    assert err == f"backlinkkit: warning: {folder / name}: not an HTML page ({kind}), skipped\n"
    doc = json.loads(out)  # the audit still ran, on the page
    assert [r["target_url"] for r in doc["backlinks"]] == ["https://example.com/g"]
    assert doc["summary"]["pages"] == 1
    assert doc["summary"]["errors"] == 1


def test_every_command_that_reads_pages_says_status_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "x.png").write_bytes(NOT_PAGES[0][1])
    (folder / "manifest.csv").write_text(
        "file,url\nblog.html,https://blog.example.org/p\nx.png,https://blog.example.org/x\n"
    )
    (folder / "expected.csv").write_text(
        "source_url,target_url\nhttps://blog.example.org/x,https://example.com/g\n"
    )
    warning = f"backlinkkit: warning: {folder / 'x.png'}: not an HTML page (PNG image), skipped\n"
    manifest = ["--manifest", str(folder / "manifest.csv")]
    code, out, err = run(["verify", str(folder / "expected.csv"), *manifest], capsys)
    assert (code, err) == (1, warning)
    assert "not-checked" in out
    assert "not an HTML page (PNG image)" in out
    code, out, err = run(["anchors", "--target", "example.com", *manifest], capsys)
    assert (code, err) == (1, warning)
    assert "anchors of 1 backlink" in out
    code, out, err = run(["links", str(folder / "x.png"), *manifest], capsys)
    assert (code, out, err) == (1, "", warning)


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + BLOG,  # UTF-8 with a byte order mark
        "\ufeff<a href='https://example.com/g'>g</a>".encode("utf-16-le"),  # UTF-16LE + BOM
        "\ufeff<a href='https://example.com/g'>g</a>".encode("utf-16-be"),  # UTF-16BE + BOM
        b'<a href="https://example.com/g">\x1b$B$3$s\x1b(B</a>',  # ISO-2022-JP: ESC is text
        b"GIF is a format. <a href='https://example.com/g'>g</a>",
        b"\x0c<a href='https://example.com/g'>g</a>",  # a form feed is white space
    ],
)
def test_pages_are_not_taken_for_binary_files(
    folder: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    (folder / "blog.html").write_bytes(content)
    code, out, err = run(audit(folder), capsys)
    assert (code, err) == (0, "")
    assert "https://example.com/g" in out


# --------------------------------------------------------------------------- refused options


def test_an_unknown_niche_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(audit(folder, "--niche", "food"), capsys)
    assert (code, out) == (2, "")
    # the niches of the model's platform fit tables (scoring/platforms.py), and general
    assert one_error(err) == (
        "backlinkkit: error: --niche 'food': not a niche the model knows (general, b2b, visual)\n"
    )
    for niche in ("general", "b2b", "visual"):
        code, _, err = run(audit(folder, "--niche", niche), capsys)
        assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("*.example.com", "a wildcard is not a host name"),
        ("example.com,example.org", "one domain or host name, not a list"),
        ("-example.com", "label '-example'"),
        ("exa_mple.com", "label 'exa_mple'"),
    ],
)
def test_a_target_that_matches_nothing_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], target: str, problem: str
) -> None:
    (folder / "expected.csv").write_text(
        "source_url,target_url\nhttps://blog.example.org/p,https://example.com/g\n"
    )
    manifest = ["--manifest", str(folder / "manifest.csv")]
    for argv in (
        ["audit", *manifest, "--target", "example.com", f"--target={target}"],
        ["anchors", *manifest, f"--target={target}"],
        ["verify", str(folder / "expected.csv"), *manifest, f"--target={target}"],
    ):
        code, out, err = run(argv, capsys)
        assert (code, out) == (2, ""), argv
        line = one_error(err)
        assert line.startswith(f"backlinkkit: error: target={target!r}: "), line
        assert problem in line


# --------------------------------------------------------------------------- repeated pages


def test_a_file_listed_twice_is_audited_once(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "manifest.csv").write_text(
        "file,url\nblog.html,https://blog.example.org/p\n./blog.html,https://blog.example.org/q\n"
    )
    code, out, err = run(audit(folder, "--format", "json"), capsys)
    assert code == 1
    assert err == (
        f"backlinkkit: warning: manifest {str(folder / 'manifest.csv')!r} line 3: "
        f"{folder / 'blog.html'} is listed again (first on line 2); audited once, as "
        "https://blog.example.org/p (https://blog.example.org/q ignored)\n"
    )
    doc = json.loads(out)
    assert [r["page_url"] for r in doc["backlinks"]] == ["https://blog.example.org/p"]
    assert doc["summary"]["pages"] == 1


def test_a_url_listed_twice_is_audited_once(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "copy.html").write_bytes(BLOG.replace(b"/g", b"/copy"))
    (folder / "manifest.csv").write_text(
        "file,url\nblog.html,https://blog.example.org/p\n"
        "copy.html,https://BLOG.example.org:443/p#comments\n"  # the same URL (WHATWG)
    )
    code, out, err = run(audit(folder, "--format", "json"), capsys)
    assert code == 1
    line = err.removeprefix("backlinkkit: warning: ")
    assert line.count("\n") == 1
    assert "line 3: https://blog.example.org/p#comments is listed again (first on line 2, " in line
    assert line.endswith(f"{folder / 'copy.html'} skipped\n")
    doc = json.loads(out)
    assert [r["target_url"] for r in doc["backlinks"]] == ["https://example.com/g"]


def test_a_page_given_twice_is_audited_once(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(folder / "blog.html")
    argv = ["audit", page, page, "--manifest", str(folder / "manifest.csv")]
    code, out, err = run([*argv, "--target", "example.com", "--format", "json"], capsys)
    assert code == 1
    assert err == f"backlinkkit: warning: {page} is given twice; audited once\n"
    assert json.loads(out)["summary"]["backlinks"] == 1


# --------------------------------------------------------------------------- errors in a row


@pytest.mark.parametrize(
    ("option", "content", "problem"),
    [
        (
            "--engagement",
            "page,likes,posted_at\nhttps://blog.example.org/p,3,2024-07-01T00:00:00Z\n",
            "line 2: Engagement.posted_at=2024-07-01T00:00:00+00:00: after "
            "--now=2024-06-01T00:00:00+00:00",
        ),
        (
            "--engagement",
            "page,likes\nhttps://blog.example.org/q,1\nhttps://blog.example.org/p,-3\n",
            "line 3: Engagement.likes=-3: a count cannot be negative",
        ),
        ("--sources", "page,authority\nexample.org,40\nexample.org,41\n",
         "line 3: 'example.org' again (first on line 2)"),
        ("--sources", "page,spam_score\nexample.org,-1\n", "line 2: SourceMetrics.spam_score=-1"),
    ],
)  # fmt: skip
def test_an_error_inside_a_row_names_file_and_line(
    folder: Path, capsys: pytest.CaptureFixture[str], option: str, content: str, problem: str
) -> None:
    path = folder / "input.csv"
    path.write_text(content)
    argv = audit(folder, option, str(path), "--now", "2024-06-01T00:00:00Z")
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert f"{option[2:]} {str(path)!r} {problem}" in one_error(err)


def test_a_future_post_without_now_is_measured_against_the_clock(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "engagement.csv"
    path.write_text("page,likes,posted_at\nhttps://blog.example.org/p,3,2999-01-01T00:00:00Z\n")
    code, out, err = run(audit(folder, "--engagement", str(path)), capsys)
    assert (code, out) == (2, "")
    line = one_error(err)
    assert (
        f"engagement {str(path)!r} line 2: Engagement.posted_at=2999-01-01T00:00:00+00:00: " in line
    )
    assert ": after now=20" in line


# --------------------------------------------------------------------------- content_type, charset

#: "café" in UTF-8, with no declaration in the page: WHATWG's fallback (windows-1252 for
#: an unknown locale; HTML §13.2.3.2 step 9) reads it as "cafÃ©".
UTF8_PAGE = '<article><a href="https://example.com/g">café</a></article>'.encode()
#: "日本" in Shift_JIS (JIS X 0208: 日 = 0x93FA, 本 = 0x967B).
SJIS_PAGE = b'<article><a href="https://example.com/g">\x93\xfa\x96\x7b</a></article>'


@pytest.mark.parametrize(
    ("page", "columns", "cells", "anchor"),
    [
        (UTF8_PAGE, "", "", "cafÃ©"),
        (UTF8_PAGE, ",charset", ",utf-8", "café"),
        (UTF8_PAGE, ",charset", ",UTF8", "café"),  # a label, not only the name
        (UTF8_PAGE, ",content_type", ',"text/html; charset=utf-8"', "café"),
        (UTF8_PAGE, ",content_type", ',"text/html;charset=""UTF-8"""', "café"),
        (UTF8_PAGE, ",content_type", ",text/html", "cafÃ©"),  # no charset: the fallback
        (UTF8_PAGE, ",Content_Type,charset", ",text/html,utf-8", "café"),
        (UTF8_PAGE, ",content_type,charset", ',"text/html; charset=utf8",utf-8', "café"),
        (SJIS_PAGE, ",charset", ",shift_jis", "日本"),
        (SJIS_PAGE, ",content_type", ',"application/xhtml+xml; charset=sjis"', "日本"),
    ],
)
def test_the_manifest_gives_each_page_its_content_type(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    page: bytes,
    columns: str,
    cells: str,
    anchor: str,
) -> None:
    (folder / "blog.html").write_bytes(page)
    (folder / "manifest.csv").write_text(
        f"file,url{columns}\nblog.html,https://blog.example.org/p{cells}\n", encoding="utf-8"
    )
    code, out, err = run(audit(folder, "--format", "json"), capsys)
    assert (code, err) == (0, "")
    assert [r["anchor"] for r in json.loads(out)["backlinks"]] == [anchor]


@pytest.mark.parametrize(
    ("columns", "cells", "problem"),
    [
        (",charset", ",utf-9", "charset 'utf-9': not an encoding label"),
        (",charset", ",utf-8; x", "charset 'utf-8; x': not an encoding label"),
        (",content_type", ',"text/html; charset=bogus"',
         "content_type 'text/html; charset=bogus': charset 'bogus': not an encoding label"),
        (",content_type", ",html", "content_type 'html': not a MIME type"),
        (",content_type", ",text/ html", "content_type 'text/ html': not a MIME type"),
        (",content_type,charset", ',"text/html; charset=latin1",utf-8',
         "charset 'utf-8' and content_type 'text/html; charset=latin1' disagree"),
    ],
)  # fmt: skip
def test_a_wrong_content_type_or_charset_names_file_and_line(
    folder: Path, capsys: pytest.CaptureFixture[str], columns: str, cells: str, problem: str
) -> None:
    manifest = folder / "manifest.csv"
    manifest.write_text(
        f"file,url{columns}\n\nblog.html,https://blog.example.org/p{cells}\n", encoding="utf-8"
    )
    code, out, err = run(audit(folder), capsys)
    assert (code, out) == (2, "")
    assert f"error: manifest {str(manifest)!r} line 3: {problem}" in one_error(err)


def test_a_page_served_as_something_else_is_skipped(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "manifest.csv").write_text(
        "file,url,content_type\nblog.html,https://blog.example.org/p,text/plain\n"
    )
    code, _, err = run(audit(folder), capsys)
    assert code == 1
    assert err == (
        f"backlinkkit: warning: {folder / 'blog.html'}: not an HTML page "
        "(served as text/plain), skipped\n"
    )


def test_an_unknown_manifest_column_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "manifest.csv").write_text(
        "file,url,crawled\nblog.html,https://blog.example.org/p,2024-06-01\n"
    )
    code, out, err = run(audit(folder), capsys)
    assert code == 0
    assert "https://example.com/g" in out
    assert err.startswith(
        f"backlinkkit: warning: manifest {folder / 'manifest.csv'}: column 'crawled' not understood"
    )
    assert "x_robots_tag, content_type, charset, status, location" in err


@pytest.mark.parametrize("status", ["abc", "42", "1000", "2OO", "３０１", "-301"])
def test_a_wrong_status_names_file_and_line(
    folder: Path, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    manifest = folder / "manifest.csv"
    manifest.write_text(f"file,url,status\nblog.html,https://blog.example.org/p,{status}\n")
    code, out, err = run(audit(folder), capsys)
    assert (code, out) == (2, "")
    assert (
        f"error: manifest {str(manifest)!r} line 2: status {status!r}: not an HTTP status code"
        in one_error(err)
    )


def test_the_manifest_status_and_location_reach_verify(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "moved.html").write_bytes(b"")  # a redirect's body is often empty
    (folder / "manifest.csv").write_text(
        "file,url,status,location\n"
        "blog.html,https://blog.example.org/p,200,\n"
        "moved.html,https://blog.example.org/old,301,https://blog.example.org/p\n"
    )
    (folder / "expected.csv").write_text(
        "source_url,target_url\nhttps://blog.example.org/old,https://example.com/g\n"
    )
    code, out, err = run(
        ["verify", str(folder / "expected.csv"), "--manifest", str(folder / "manifest.csv"),
         "--format", "json"],
        capsys,
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert (rows[0]["status"], rows[0]["reasons"]) == (
        "lost",
        "301/302 redirect; to https://blog.example.org/p",
    )


# --------------------------------------------------------------------------- --warc FILE…
# Issue 11: "usable from ... audit and the CLI (`backlinkkit audit --warc FILE…`)".

WARC_A = (
    (
        "https://blog.example.org/post",
        b'<article><p><a href="https://example.com/tools">these tools</a> and '
        b'<a href="https://example.com/tools" rel="nofollow">again</a></p></article>'
        b'<footer><a href="https://example.com/">Example</a></footer>',
    ),
    (
        "https://forum.example.net/t/7",
        b'<main><p><a href="https://shop.example.com/item/7" rel="ugc">this one</a> '
        b'<a href="https://other.example/z">z</a></p></main>',
    ),
    ("https://plain.example.org/1", b"<p><a href='/2'>next</a></p>"),
    ("https://news.example.net/a", b"<p>Follow <a href='https://x.com/crumbjournal'>us</a></p>"),
    ("https://plain.example.org/2", b"<p><a href='https://elsewhere.example/'>away</a></p>"),
)
WARC_B = (
    ("https://sub.example.org/x", b"<main><a href='https://www.example.com/'>home</a></main>"),
    ("https://plain.example.org/3", b"<p>no links at all</p>"),
)


def _two_warcs(folder: Path) -> tuple[list[str], list[Any]]:
    """A gzip-per-record WARC with the builder's extras (chunked, gzip-coded, resource
    record, revisit, non-HTML, a windows-1251 page with ``X-Robots-Tag: nofollow``, a
    sniffed page, ``WARC-Truncated: length``) and an uncompressed one without."""
    from tests.warcs import write_warc

    paths = [str(folder / "a.warc.gz"), str(folder / "b.warc")]
    expected = []
    with open(paths[0], "wb") as out:
        expected += write_warc(out, WARC_A, cut=False).pages
    with open(paths[1], "wb") as out:
        expected += write_warc(out, WARC_B, extras=False, gzip_records=False).pages
    return paths, expected


def _saved_as_manifest(folder: Path, pages: list[Any]) -> Path:
    """The pages the WARC builder wrote, as saved files and a manifest with the headers and
    status each was served with (what a crawler that saves files would record)."""
    rows = []
    for index, page in enumerate(pages):
        name = f"page{index}.html"
        (folder / name).write_bytes(page.content)
        header = {name.lower(): value for name, value in page.headers}
        rows.append(
            {
                "file": name,
                "url": page.url,
                "content_type": header.get("content-type", ""),
                "x_robots_tag": header.get("x-robots-tag", ""),
                "status": "" if page.status is None else str(page.status),
            }
        )
    manifest = folder / "saved.csv"
    with open(manifest, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return manifest


TARGETS = ("--target", "example.com", "--target", "other.example", "--target", "twitter.com")


def test_audit_of_warc_files_equals_audit_of_the_same_pages_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, pages = _two_warcs(tmp_path)
    manifest = _saved_as_manifest(tmp_path, pages)
    common = [*TARGETS, "--now", "2024-06-01T12:00:00Z", "--format", "json"]
    code, out, err = run(["audit", "--warc", *paths, *common], capsys)
    assert code == 0, err
    code, saved, saved_err = run(["audit", "--manifest", str(manifest), *common], capsys)
    assert code == 0
    assert not saved_err
    assert json.loads(out) == json.loads(saved)
    docs = {doc["target"]: doc for doc in json.loads(out)}
    # Every HTML record is a page: the builder wrote 5 + 4 extras (charset, sniffed,
    # length-truncated ... see tests/warcs.py) + 2.
    assert len(pages) == 5 + 3 + 2
    assert {doc["summary"]["pages"] for doc in docs.values()} == {len(pages)}
    assert {doc["summary"]["errors"] for doc in docs.values()} == {0}
    example = [(r["page_url"], r["anchor"]) for r in docs["example.com"]["backlinks"]]
    assert example == [
        ("https://blog.example.org/post", "these tools"),
        ("https://blog.example.org/post", "again"),
        ("https://blog.example.org/post", "Example"),
        ("https://forum.example.net/t/7", "this one"),
        ("https://sub.example.org/x", "home"),
    ]
    # The windows-1251 page's X-Robots-Tag: nofollow came from its response record.
    other = [(r["page_url"], r["link_type"]) for r in docs["other.example"]["backlinks"]]
    assert other == [
        ("https://forum.example.net/t/7", "followed"),
        ("https://charset.example/", "robots-nofollow"),
    ]
    # x.com is twitter.com's platform: the page linking there was kept whole.
    assert [r["page_url"] for r in docs["twitter.com"]["backlinks"]] == [
        "https://news.example.net/a"
    ]
    # What tests/warcs.py wrote besides pages, in file order, one warning line each (5:
    # not more than ISSUE_LINES); the run read everything, so the status is 0.
    lines = err.splitlines()
    prefix = f"backlinkkit: warning: {paths[0]}: "
    assert all(line.startswith(prefix) for line in lines), err
    told = [line[len(prefix) :].split(" record at offset ")[0] for line in lines]
    assert told == ["response", "revisit", "response", "response", "response"]
    assert [line.split(" (", 1)[1].split("): ", 1) for line in lines] == [
        ["https://extras.example/logo.png", "non-html, no page (Content-Type 'image/png')"],
        [
            "https://blog.example.org/post",
            "revisit, no page (revisit of https://blog.example.org/post at "
            "2026-11-01T12:00:00Z (http://netpreserve.org/warc/1.0/revisit/"
            "identical-payload-digest))",
        ],
        ["https://notype.example/", "Content-Type None; sniffed as HTML"],
        [
            "https://notype.example/plain",
            "non-html, no page (Content-Type None, and the content does not sniff as HTML)",
        ],
        [
            "https://length.example/",
            "truncated (length); its page was audited from the content the archive holds",
        ],
    ]


def _warc_of(path: Path, *records: tuple[str, bytes, tuple[tuple[str, str], ...], int]) -> str:
    from tests.warcs import http_response, warc_record

    http = "application/http; msgtype=response"
    with open(path, "wb") as out:
        for url, body, headers, status in records:
            message = http_response(body, headers, status, "Moved" if status != 200 else "OK")
            out.write(gzip.compress(warc_record("response", message, uri=url, content_type=http)))
    return str(path)


HTML = (("Content-Type", "text/html"),)


def test_a_noindex_header_in_the_warc_gates_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = b"<main><a href='https://example.com/'>Example</a></main>"
    noindex = (*HTML, ("X-Robots-Tag", "noindex"))
    path = _warc_of(
        tmp_path / "crawl.warc.gz",
        ("https://dir.example.org/a", body, noindex, 200),
        ("https://dir.example.org/b", body, HTML, 200),
    )
    code, out, err = run(
        ["audit", "--warc", path, "--target", "example.com", "--format", "json"], capsys
    )
    assert (code, err) == (0, "")
    records = json.loads(out)["backlinks"]
    # X-Robots-Tag: noindex closes the noindex gate (docs/model.md, robots_noindex 0).
    assert [(r["page_url"], r["gates"], r["direct"] == 0) for r in records] == [
        ("https://dir.example.org/a", "noindex", True),
        ("https://dir.example.org/b", "", False),
    ]


def test_verify_reads_the_status_of_the_warc_response(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = b"<main><a href='https://example.com/p'>p</a></main>"
    path = _warc_of(
        tmp_path / "crawl.warc.gz",
        ("https://blog.example.org/moved", b"", HTML, 301),
        ("https://blog.example.org/live", body, HTML, 200),
    )
    expected = tmp_path / "expected.csv"
    expected.write_text(
        "source_url,target_url\n"
        "https://blog.example.org/moved,https://example.com/p\n"
        "https://blog.example.org/live,https://example.com/p\n"
    )
    code, out, err = run(["verify", str(expected), "--warc", path, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    # A 301 without a Location the crawl followed: Ahrefs' "301/302 redirect" lost reason.
    assert [(r["status"], r["reasons"]) for r in json.loads(out)] == [
        ("lost", "301/302 redirect; where it redirects is not known"),
        ("live", ""),
    ]


def test_warc_pages_combine_with_saved_pages_and_anchors_reads_them(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = b"<main><a href='https://example.com/'>Example</a></main>"
    path = _warc_of(tmp_path / "crawl.warc.gz", ("https://dir.example.org/a", body, HTML, 200))
    code, out, err = run([*audit(folder), "--warc", path], capsys)
    assert (code, err) == (0, "")
    assert [r["page_url"] for r in csv.DictReader(io.StringIO(out))] == [
        "https://blog.example.org/p",
        "https://dir.example.org/a",
    ]
    code, out, err = run(
        [
            "audit",
            str(folder / "blog.html"),
            "--url",
            "https://blog.example.org/q",
            "--warc",
            path,
            "--target",
            "example.com",
            "--format",
            "csv",
        ],
        capsys,
    )
    assert (code, err) == (0, "")
    assert [r["page_url"] for r in csv.DictReader(io.StringIO(out))] == [
        "https://blog.example.org/q",
        "https://dir.example.org/a",
    ]
    code, out, err = run(
        ["anchors", "--warc", path, "--target", "example.com", "--format", "json"], capsys
    )
    assert (code, err) == (0, "")
    assert [(r["category"], r["backlinks"]) for r in json.loads(out) if r["backlinks"]] == [
        ("branded", 1)
    ]


def test_archive_issues_are_warnings_and_an_unreadable_file_gives_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.warcs import unreadable_warcs, write_issue_warcs

    issues, written = write_issue_warcs(tmp_path, 1)
    code, out, err = run(["audit", "--warc", *issues, "--target", "other.example"], capsys)
    assert code == 0  # revisits, non-HTML, truncated records: reported, nothing left out
    _, expected = written[0]
    lines = err.splitlines()
    assert len(lines) == len(expected) == 4
    for line, issue in zip(lines, expected, strict=True):
        assert line.startswith(
            f"backlinkkit: warning: {issues[0]}: {issue.record_type} record at offset "
            f"{issue.offset} ({issue.url}): {issue.kind}"
        ), line
    assert "1 backlink from 1 referring domain on 1 of 3 pages" in out  # /a, /long, /b
    bad, _ = unreadable_warcs(tmp_path)
    code, out, err = run(["audit", "--warc", *bad, "--target", "example.com"], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"backlinkkit: warning: archive={bad[0]!r}: cannot read on ")
    assert lines[0].endswith("(the 1 page read before it kept; the rest of the file is not read)")
    assert lines[1].startswith(f"backlinkkit: warning: archive={bad[1]!r}: cannot read on at its")
    # cut: 1 page before the cut; notwarc: none; good: 2.  Each bad file is an error record.
    assert "0 of 3 pages (2 error records skipped)" in out
    code, _, err = run(
        ["audit", "--warc", str(tmp_path / "missing.warc"), "--target", "a.com"], capsys
    )
    assert code == 2
    assert one_error(err) == (
        f"backlinkkit: error: cannot read {str(tmp_path / 'missing.warc')!r}: "
        "No such file or directory\n"
    )


def test_many_issues_in_a_file_are_one_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    images = [
        (f"https://img.example/{i}.png", png, (("Content-Type", "image/png"),), 200)
        for i in range(7)
    ]
    page = ("https://blog.example.org/", b"<a href='https://example.com/'>e</a>", HTML, 200)
    path = _warc_of(tmp_path / "crawl.warc.gz", page, *images)
    code, _, err = run(["audit", "--warc", path, "--target", "example.com"], capsys)
    assert code == 0
    assert err == (
        f"backlinkkit: warning: {path}: 7 archive issues (non-html 7); "
        f"`backlinkkit extract --warc {path} --out DIR` lists each\n"
    )


def test_warc_pages_stream_through_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages of a WARC are not read into a list first, and pages without a link that
    can land on the target are held without their links."""

    pages = [
        (f"https://p{i}.example/", b"<a href='https://other.example/'>o</a>") for i in range(40)
    ]
    pages[30] = ("https://p30.example/", b"<a href='https://example.com/'>e</a>")
    from tests.warcs import write_warc

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as handle:
        write_warc(handle, pages, extras=False)
    pulled: list[int] = []
    from backlinkkit.audit import audit as real_audit
    from backlinkkit.batch import extract_many as real_extract

    held: list[Any] = []

    def extract_many(items: Any, **options: Any) -> Any:
        read = 0

        def counted() -> Any:
            nonlocal read
            for item in items:
                read += 1
                yield item

        for result in real_extract(counted(), **options):
            pulled.append(read)
            yield result

    def audit(pages: Any, *args: Any, **kwargs: Any) -> Any:
        held.extend(pages)
        return real_audit(held, *args, **kwargs)

    monkeypatch.setattr("backlinkkit.cli.extract_many", extract_many)
    monkeypatch.setattr("backlinkkit.cli.audit", audit)
    code, out, _ = run(["audit", "--warc", str(path), "--target", "example.com"], capsys)
    assert code == 0
    assert "1 backlink from 1 referring domain on 1 of 40 pages" in out
    assert pulled[0] < 40  # the first page came back before the last was read
    assert [len(page.links) for page in held] == [0] * 30 + [1] + [0] * 9


def test_audit_refuses_a_wat_file_with_a_pointer_to_what_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wat = tmp_path / "CC-MAIN-1.warc.wat.gz"
    wat.write_bytes(b"")
    code, out, err = run(["audit", "--warc", str(wat), "--target", "example.com"], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "a WAT file holds link metadata, not pages" in err
    assert "backlinkkit extract --warc" in err
