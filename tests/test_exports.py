"""Tests for backlinkkit.exports: reading the SEO tools' backlink exports.

Expected values are the cells written in the shipped samples
(``src/backlinkkit/samples/exports``; each written by hand in the layout of
``shared/reference/seo-data.md`` §1), read off the files, not off the reader.
"""

from __future__ import annotations

import codecs
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backlinkkit
from backlinkkit._tables.cells import CellError, count, day, flag, metric
from backlinkkit.errors import InvalidInputError, InvalidValueError, MissingDependencyError
from backlinkkit.exports import (
    METRICS,
    RECORD_KEYS,
    VENDORS,
    ExportedBacklink,
    ExportedBacklinks,
    ExportFormatError,
    ExportRowError,
    Metric,
    read_export,
    sample_exports,
)
from backlinkkit.scoring import SourceMetrics

SAMPLES = sample_exports()


def read(name: str, **kwargs: object) -> ExportedBacklinks:
    return read_export(SAMPLES[name], **kwargs)  # type: ignore[arg-type]


def write(tmp_path: Path, text: str | bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# --------------------------------------------------------------------------- samples


def test_the_samples_are_the_ones_documented() -> None:
    assert sorted(SAMPLES) == [
        "ahrefs-backlinks.csv",
        "ahrefs-sample-pages.csv",
        "bing-backlinks.csv",
        "gsc-latest-links-de.csv",
        "gsc-links.zip",
        "gsc-top-linked-pages-es.csv",
        "gsc-top-linking-sites-fr.csv",
        "majestic-backlinks.csv",
        "moz-inbound-links.csv",
        "screamingfrog-all-outlinks.csv",
        "semrush-backlinks.csv",
    ]
    for path in SAMPLES.values():
        assert path.is_file()


def test_ahrefs_utf16le_bom_tab_quoted() -> None:
    raw = SAMPLES["ahrefs-backlinks.csv"].read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_LE)  # the sample really is what Ahrefs writes
    exported = read("ahrefs-backlinks.csv")
    assert exported.vendor == "ahrefs"
    (file,) = exported.files
    assert (file.layout, file.encoding, file.delimiter, file.header_line) == (
        "ahrefs-backlinks",
        "utf-16-le (BOM)",
        "\t",
        1,
    )
    assert len(exported) == 8
    assert not exported.errors
    first = exported.rows[0]
    assert first.source_url == "https://blog.northwind-hikes.example/gear/best-daypacks"
    assert first.source_title == "Best daypacks for 2026 – Northwind Hikes"
    assert first.target_url == "https://example.com/shop/daypacks"
    assert first.anchor == "the Summit 22 daypack"
    assert (first.nofollow, first.ugc, first.sponsored) == (False, False, False)
    assert (first.dr, first.ur) == (62, 31)
    assert (first.outbound_domains, first.outbound_links) == (41, 58)
    assert first.link_type == "text"
    assert (first.first_seen, first.last_seen) == (date(2026, 3, 14), date(2026, 11, 28))
    assert (first.lost, first.lost_on, first.lost_reason) == (False, None, None)
    assert first.line == 2
    assert first.file == str(SAMPLES["ahrefs-backlinks.csv"])
    # columns without a field are kept, as written
    assert first.extra["Domain traffic"] == "12,400"
    assert first.extra["Left context"] == "We carried"
    assert first.extra["Links in group"] == "1"
    assert "Domain rating" not in first.extra
    assert "Anchor" not in first.extra
    forum = exported.rows[1]
    assert (forum.nofollow, forum.ugc, forum.sponsored) == (True, True, False)
    german = exported.rows[2]
    assert german.anchor == "Rucksäcke von Example"
    assert german.source_title == "Wanderrucksäcke im Test: Die besten Modelle"
    assert german.sponsored is True
    removed = exported.rows[3]
    assert (removed.lost, removed.lost_on, removed.lost_reason) == (
        True,
        date(2026, 10, 2),
        "Link removed",
    )
    assert exported.rows[4].lost_reason == "Not found"
    image = exported.rows[5]
    assert (image.link_type, image.anchor) == ("image", "")
    directory = exported.rows[6]
    assert (directory.outbound_links, directory.outbound_domains) == (1032, 486)
    redirect = exported.rows[7]
    assert (redirect.link_type, redirect.source_title, redirect.dr) == ("redirect", None, 3)


def test_semrush_backlinks() -> None:
    exported = read("semrush-backlinks.csv")
    assert exported.vendor == "semrush"
    assert len(exported) == 6
    assert not exported.errors
    rows = exported.rows
    assert rows[0].anchor == "Packs, poles & more"  # a quoted comma
    assert rows[0].page_as == 38
    assert rows[0].metrics["AS"].value == 38
    assert (rows[0].link_type, rows[0].sitewide, rows[0].new, rows[0].lost) == (
        "text",
        False,
        False,
        False,
    )
    assert (rows[1].nofollow, rows[1].ugc, rows[1].sitewide) == (True, True, True)
    assert rows[2].anchor == 'this "packing list"'  # doubled quotes
    assert rows[2].new is True
    assert rows[2].first_seen == date(2026, 10, 5)
    assert rows[3].outbound_links == 1240  # "1,240"
    assert rows[3].page_as == 0
    assert rows[3].source_title is None
    sponsored = rows[4]
    assert (sponsored.sponsored, sponsored.link_type, sponsored.anchor, sponsored.lost) == (
        True,
        "image",
        "",
        True,
    )
    assert rows[0].extra == {"Internal links": "80"}


def test_moz_preamble_of_six_lines() -> None:
    text = SAMPLES["moz-inbound-links.csv"].read_text("utf-8")
    assert text.splitlines()[6].startswith("URL,Title,Anchor Text")
    exported = read("moz-inbound-links.csv")
    assert exported.files[0].header_line == 7
    assert [r.line for r in exported.rows] == [8, 9, 10, 11, 12]
    first = exported.rows[0]
    assert (first.source_url, first.target_url, first.anchor) == (
        "https://blog.northwind-hikes.example/gear/best-daypacks",
        "https://example.com/shop/daypacks",
        "the Summit 22 daypack",
    )
    assert (first.da, first.pa, first.spam_score) == (44, 38, 1)
    assert first.nofollow is False  # Only follow: Yes
    assert exported.rows[1].nofollow is True  # Only rel=nofollow: Yes
    assert exported.rows[2].spam_score is None  # "-"
    assert exported.rows[3].nofollow is None  # neither only follow nor only nofollow
    assert all(r.ugc is None and r.sponsored is None for r in exported)  # Moz does not say
    assert first.extra["Number of Domains Linking to Domain"] == "1,310"
    assert first.extra["301"] == "No"


def test_majestic_row_that_is_not_valid_csv() -> None:
    exported = read("majestic-backlinks.csv")
    (error,) = exported.errors
    path = str(SAMPLES["majestic-backlinks.csv"])
    assert (error.file, error.line, error.column, error.column_name) == (
        path,
        5,
        2,
        "AnchorText",
    )
    assert str(error).startswith(f"{path}:5:2 (AnchorText): ")
    # the rest of the file still loads, the lines after the bad one included
    assert [r.line for r in exported.rows] == [2, 3, 4, 6, 7, 8]
    first = exported.rows[0]
    assert (first.tf, first.cf, first.domain_tf, first.domain_cf) == (24, 31, 29, 35)
    assert first.source_domain == "northwind-hikes.example"
    assert first.link_type == "TextLink"
    assert (first.first_seen, first.last_seen) == (date(2026, 3, 15), date(2026, 11, 27))
    assert first.ugc is None
    assert first.sponsored is None
    assert first.extra["SourceTopicalTrustFlow_Topic_0"] == "Recreation/Outdoors"
    assert first.extra["TargetTrustFlow"] == "18"
    assert exported.rows[1].nofollow is True
    deleted = exported.rows[3]
    assert (deleted.lost, deleted.lost_on, deleted.lost_reason) == (
        True,
        date(2026, 10, 3),
        "Link removed from page",
    )
    assert exported.rows[4].extra["LinkSubType"] == "301"


def test_gsc_german_headers_by_shape() -> None:
    exported = read("gsc-latest-links-de.csv")
    (file,) = exported.files
    assert (file.layout, file.detected_by) == ("gsc-latest-links", "shape")
    assert file.header == ("Verweisende Seite", "Zuletzt gecrawlt")
    assert [(r.source_url, r.last_seen) for r in exported.rows[:2]] == [
        ("https://www.bergzeit-magazin.example/de/rucksaecke-test", date(2026, 11, 27)),
        ("https://blog.northwind-hikes.example/gear/best-daypacks", date(2026, 11, 28)),
    ]
    assert exported.rows[4].last_seen == date(2026, 9, 3)  # 03.09.2026: day first
    assert all(r.extra == {} for r in exported)


def test_gsc_french_headers_narrow_space_thousands() -> None:
    exported = read("gsc-top-linking-sites-fr.csv")
    assert exported.files[0].layout == "gsc-top-linking-sites"
    first = exported.rows[0]
    assert (first.source_domain, first.linking_pages, first.target_pages) == (
        "trailtalk.example",
        1240,
        14,
    )
    assert first.source_url is None
    assert first.nofollow is None


def test_gsc_spanish_semicolons_cp1252() -> None:
    exported = read("gsc-top-linked-pages-es.csv")
    (file,) = exported.files
    assert (file.delimiter, file.encoding) == (";", "cp1252 from line 1")
    assert file.header[0] == "Página de destino"
    assert [(r.target_url, r.links, r.linking_sites) for r in exported.rows[:2]] == [
        ("https://example.com/", 3412, 61),
        ("https://example.com/shop/daypacks", 1240, 17),
    ]


def test_gsc_zip_of_two_csvs() -> None:
    exported = read("gsc-links.zip")
    zip_path = str(SAMPLES["gsc-links.zip"])
    assert [f.name for f in exported.files] == [
        zip_path + "/Top linking sites.csv",
        zip_path + "/Latest links.csv",
    ]
    assert [f.detected_by for f in exported.files] == ["header", "header"]
    assert exported.vendor == "gsc"
    assert len(exported) == 10
    sites = [r for r in exported if r.layout == "gsc-top-linking-sites"]
    assert [(r.source_domain, r.linking_pages) for r in sites][::4] == [
        ("trailtalk.example", 1240),
        ("hikerlist.example", 2051),
    ]
    latest = [r for r in exported if r.layout == "gsc-latest-links"]
    assert latest[0].last_seen == date(2026, 11, 30)  # "Nov 30, 2026"
    assert latest[-1].last_seen == date(2026, 9, 3)  # "Sep 3, 2026"
    assert latest[0].file == zip_path + "/Latest links.csv"
    assert latest[0].line == 2


def test_bing_backlinks_with_bom() -> None:
    assert SAMPLES["bing-backlinks.csv"].read_bytes().startswith(codecs.BOM_UTF8)
    exported = read("bing-backlinks.csv")
    assert exported.files[0].encoding == "utf-8 (BOM)"
    assert len(exported) == 5
    third = exported.rows[2]
    assert (third.source_url, third.anchor, third.target_url) == (
        "https://www.bergzeit-magazin.example/de/rucksaecke-test",
        "Rucksäcke von Example",
        "https://example.com/de/rucksaecke",
    )
    assert third.nofollow is None
    assert third.metrics == {}


def test_screaming_frog_outlinks() -> None:
    exported = read("screamingfrog-all-outlinks.csv")
    rows = exported.rows
    assert len(rows) == 6
    assert (rows[0].nofollow, rows[0].ugc, rows[0].sponsored, rows[0].position) == (
        False,
        False,
        False,
        "Content",
    )
    assert (rows[1].nofollow, rows[1].sponsored) == (True, True)  # rel="sponsored nofollow"
    assert rows[2].position == "Footer"
    assert (rows[3].link_type, rows[3].alt, rows[3].anchor) == (
        "Image",
        "Summit 22 daypack on a ridge",
        "",
    )
    assert (rows[4].ugc, rows[4].nofollow, rows[4].position) == (True, True, "Aside")
    assert rows[0].extra["Link Path"] == "/html/body/main/article/p[4]/a"


# The layouts no shipped sample uses, each with one hand-written row (headers from seo-data.md §1).
OTHER_LAYOUTS = [
    (
        "Domain,DR,Links to target,Dofollow linked domains,Dofollow links,Traffic,First seen,Lost,"
        'Is spam\ntrailtalk.example,48,"1,204",160,900,3100,2025-12-01,,false\n',
        "ahrefs-referring-domains",
        {"source_domain": "trailtalk.example", "dr": 48, "links": 1204, "lost": False},
        {"Is spam": "false", "Dofollow links": "900"},
    ),
    (
        "Anchor text\tRef. domains\tTop DR\tRef. pages\tLinks to target\tNew links\tLost links\t"
        "Dofollow links\tFirst seen\tLost\nclick here\t12\t71\t30\t44\t2\t1\t20\t2024-01-05\t\n",
        "ahrefs-anchors",
        {"anchor": "click here", "linking_sites": 12, "linking_pages": 30, "links": 44},
        {"Top DR": "71", "New links": "2"},
    ),
    (
        "Source title,Source url,Target url,Anchor,Toxicity Score,Toxic markers,First seen,"
        "Last seen,Nofollow\nCheap links,https://spammy-links.example/p,https://example.com/,"
        "buy,72,Link network,2026-01-02,2026-11-01,false\n",
        "semrush-backlink-audit",
        {"toxicity_score": 72, "nofollow": False, "source_title": "Cheap links"},
        {"Toxic markers": "Link network"},
    ),
    (
        "Page score,Page trust score,Source title,Source url,Target url,Anchor,External links,"
        "Internal links,Nofollow,Frame,Form,Image,Sitewide,First seen,Last seen\n"
        "7,3,T,https://a.example/,https://example.com/,a,4,9,true,false,false,false,true,"
        "2025-01-01,2026-01-01\n",
        "semrush-backlinks",
        {"nofollow": True, "sitewide": True, "link_type": None, "ugc": None, "page_as": None},
        {"Page score": "7", "Page trust score": "3", "Internal links": "9"},
    ),
    (
        "Target URL,Source URL,Anchor Text,Source Crawl Date,Source First Found Date,FlagNoFollow,"
        "FlagImageLink,FlagRedirect,FlagFrame,FlagOldCrawl,FlagAltText,FlagMention,"
        "SourceCitationFlow,SourceTrustFlow,TargetCitationFlow,TargetTrustFlow\n"
        "https://example.com/,https://a.example/,a,2026-05-01,2024-02-03,-,-,-,-,-,-,-,30,20,40,35\n",
        "majestic-backlinks-older",
        {
            "first_seen": date(2024, 2, 3),
            "last_seen": date(2026, 5, 1),
            "nofollow": False,
            "tf": 20,
            "cf": 30,
        },
        {"TargetTrustFlow": "35", "FlagOldCrawl": "-"},
    ),
    (
        '\ufeff"Domain","Backlinks Count"\n"trailtalk.example","1,240"\n',
        "bing-referring-domains",
        {"source_domain": "trailtalk.example", "links": 1240},
        {},
    ),
    (
        '"Anchor","Backlinks Count"\n"Example Outdoor","37"\n',
        "bing-anchors",
        {"anchor": "Example Outdoor", "links": 37, "source_url": None},
        {},
    ),
    (
        'Target page,Incoming links,Linking sites\nhttps://example.com/,"3,412",61\n',
        "gsc-top-linked-pages",
        {"target_url": "https://example.com/", "links": 3412, "linking_sites": 61},
        {},
    ),
    (
        "Linking page\nhttps://a.example/page\n",
        "gsc-sample-links",
        {"source_url": "https://a.example/page", "last_seen": None},
        {},
    ),
]


@pytest.mark.parametrize(("text", "layout", "fields", "extra"), OTHER_LAYOUTS)
def test_other_layouts(
    tmp_path: Path, text: str, layout: str, fields: dict[str, object], extra: dict[str, str]
) -> None:
    exported = read_export(write(tmp_path, text))
    assert exported.files[0].layout == layout
    assert exported.files[0].detected_by == "header"
    assert not exported.errors
    (row,) = exported.rows
    assert {name: getattr(row, name) for name in fields} == fields
    assert {name: row.extra[name] for name in extra} == extra
    assert attrs.evolve(row) == row


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_rows_pass_the_validating_constructor(name: str) -> None:
    # The reader builds rows without re-running validators; each must equal a validated one.
    for row in read(name):
        assert attrs.evolve(row) == row


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_records_round_trip(name: str) -> None:
    exported = read(name)
    records = exported.to_records()
    assert len(records) == len(exported)
    keys = list(exported.record_keys)
    assert keys[: len(RECORD_KEYS)] == list(RECORD_KEYS)
    for record, row in zip(records, exported, strict=False):
        assert list(record) == keys
        assert ExportedBacklink.from_record(record) == row


def test_records_are_flat_with_the_metric_fields() -> None:
    record = read("ahrefs-backlinks.csv").to_records()[0]
    assert record["dr"] == 62
    assert record["ur"] == 31
    assert record["da"] is None
    assert record["first_seen"] == date(2026, 3, 14)
    assert record["extra:Domain traffic"] == "12,400"
    assert all(not isinstance(value, (dict, list)) for value in record.values())


def test_dataframe() -> None:
    frame = read("semrush-backlinks.csv").to_dataframe()
    assert frame.shape == (6, len(RECORD_KEYS) + 1)
    assert frame["page_as"].tolist() == [38, 12, 45, 0, 27, 33]


def test_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"backlinkkit\[pandas\]"):
        read("bing-backlinks.csv").to_dataframe()


# --------------------------------------------------------------------------- metrics


def test_metrics_carry_name_scale_and_feed_the_value_model() -> None:
    ahrefs = read("ahrefs-backlinks.csv").rows[0]
    dr = ahrefs.metrics["DR"]
    assert (dr.name, dr.value, dr.scale, dr.info.level, dr.info.vendor) == (
        "DR",
        62,
        (0, 100),
        "domain",
        "Ahrefs",
    )
    assert ahrefs.authority == Metric("dr", 62)
    # Each metric keeps its own name, so that the model applies its own mapping and
    # prefers the page-level UR over the domain-level DR (issue 9: authority per metric).
    # The values are the sample's cells (DR 62, UR 31).
    assert ahrefs.source_metrics() == SourceMetrics(
        metrics=(("ahrefs-dr", 62.0), ("ahrefs-ur", 31.0))
    )
    moz = read("moz-inbound-links.csv").rows[3]
    assert moz.source_metrics() == SourceMetrics(
        metrics=(("moz-da", 15.0), ("moz-pa", 12.0)), spam_score=31
    )
    majestic = read("majestic-backlinks.csv").rows[0]
    assert majestic.authority is not None
    assert majestic.authority.name == "Domain TF"
    semrush = read("semrush-backlinks.csv").rows[0]
    assert semrush.source_metrics().metrics == (("semrush-page-as", 38.0),)
    assert all(info.scale == (0, 100) for info in METRICS.values())


def test_sources_one_entry_per_linking_page_from_the_sample() -> None:
    # ahrefs-sample-pages.csv, read off the file: four rows from the blog post (Domain
    # rating 45, UR 14, each), one each from the forum (30, 9), the pin (94, 22) and the
    # review (38, 16).
    export = read("ahrefs-sample-pages.csv")
    sources = export.sources()
    blog = "https://blog.example.org/2024/05/sourdough-starter-guide"
    assert sources == {
        blog: SourceMetrics(metrics=(("ahrefs-dr", 45.0), ("ahrefs-ur", 14.0))),
        "https://forum.example.net/t/best-flour-for-a-first-sourdough/4812": SourceMetrics(
            metrics=(("ahrefs-dr", 30.0), ("ahrefs-ur", 9.0))
        ),
        "https://www.pinterest.com/pin/987654321012345678/": SourceMetrics(
            metrics=(("ahrefs-dr", 94.0), ("ahrefs-ur", 22.0))
        ),
        "https://reviews.example.net/kitchen/stand-mixer-review": SourceMetrics(
            metrics=(("ahrefs-dr", 38.0), ("ahrefs-ur", 16.0))
        ),
    }
    # one row's entry is that row's source_metrics()
    assert sources[blog] == export.rows[0].source_metrics()
    # the mapping is what audit() takes
    kit = backlinkkit.load_samples()
    profile = backlinkkit.audit(kit.pages(), kit.target, sources=sources)
    assert {b.source for b in profile.backlinks if b.page_url == blog} == {sources[blog]}
    # Moz's spam score travels too (the sample's fourth row: DA 15, PA 12, Spam Score 31 %)
    moz = read("moz-inbound-links.csv")
    assert moz.sources()["https://links.hikerlist.example/outdoor/page-3"] == SourceMetrics(
        metrics=(("moz-da", 15.0), ("moz-pa", 12.0)), spam_score=31
    )
    # Search Console and Bing give no metrics: no entries
    assert read("gsc-links.zip").sources() == {}
    assert read("bing-backlinks.csv").sources() == {}


def _rows(*rows: ExportedBacklink) -> ExportedBacklinks:
    return ExportedBacklinks(rows, None, (), ())


def test_sources_merge_a_page_listed_twice_metric_by_metric_latest_last_seen_first() -> None:
    page = "https://blog.example.org/post"
    merged = _rows(
        # undated: older than any dated row
        ExportedBacklink(source_url=page, dr=50, ur=20, spam_score=4),
        # seen 2026-03-01: its DR 44 and UR 18 win over the undated row's
        ExportedBacklink(source_url=page, dr=44, ur=18, last_seen=date(2026, 3, 1)),
        # seen 2026-01-10: older than the row above, so only its TF (no other row has
        # one) is taken
        ExportedBacklink(source_url=page, ur=11, tf=23, last_seen=date(2026, 1, 10)),
        # seen the same day as the second row, read later: the first read wins
        ExportedBacklink(source_url=page, dr=47, last_seen=date(2026, 3, 1)),
    ).sources()
    assert merged == {
        page: SourceMetrics(
            metrics=(("ahrefs-dr", 44.0), ("ahrefs-ur", 18.0), ("majestic-tf", 23.0)),
            spam_score=4,  # only the undated row has one
        )
    }


def test_sources_keys_are_the_audits_and_rows_without_a_page_or_metric_give_none() -> None:
    sources = _rows(
        # keyed as the audit keys a page URL (WHATWG serialization)
        ExportedBacklink(source_url="HTTPS://Blog.Example.ORG", dr=40),
        # a referring-domains row: keyed by its domain, lower case
        ExportedBacklink(source_domain="Forum.Example.NET.", dr=30),
        # no metric, no spam score: nothing to give
        ExportedBacklink(source_url="https://news.example.edu/a"),
        # not an absolute http(s) URL: no page has it
        ExportedBacklink(source_url="/relative/page", dr=10),
        ExportedBacklink(source_url="ftp://files.example.info/", dr=10),
        # neither URL nor domain
        ExportedBacklink(target_url="https://example.com/", dr=10),
    ).sources()
    assert sources == {
        "https://blog.example.org/": SourceMetrics(metrics=(("ahrefs-dr", 40.0),)),
        "forum.example.net": SourceMetrics(metrics=(("ahrefs-dr", 30.0),)),
    }
    blog = backlinkkit.extract_links(
        '<a href="https://example.com/">x</a>', "https://blog.example.org/"
    )
    forum = backlinkkit.extract_links(
        '<a href="https://example.com/">x</a>', "https://forum.example.net/t/1"
    )
    found = backlinkkit.audit([blog, forum], "example.com", sources=sources).backlinks
    assert [b.value.coverage.metric for b in found] == ["ahrefs-dr", "ahrefs-dr"]


def test_metric_out_of_scale_is_a_row_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Referring page URL,Target URL,Domain rating\n"
        "https://a.example/,https://example.com/,101\n"
        "https://b.example/,https://example.com/,abc\n"
        "https://c.example/,https://example.com/,45.5\n",
    )
    exported = read_export(path)
    assert [r.dr for r in exported] == [45.5]
    assert [(e.line, e.column, e.column_name) for e in exported.errors] == [
        (2, 3, "Domain rating"),
        (3, 3, "Domain rating"),
    ]
    assert "0-100" in exported.errors[0].problem


# --------------------------------------------------------------------------- vendors


def test_vendor_detection_of_every_sample() -> None:
    assert {name: read(name).vendor for name in SAMPLES} == {
        "ahrefs-backlinks.csv": "ahrefs",
        "ahrefs-sample-pages.csv": "ahrefs",
        "bing-backlinks.csv": "bing",
        "gsc-latest-links-de.csv": "gsc",
        "gsc-links.zip": "gsc",
        "gsc-top-linked-pages-es.csv": "gsc",
        "gsc-top-linking-sites-fr.csv": "gsc",
        "majestic-backlinks.csv": "majestic",
        "moz-inbound-links.csv": "moz",
        "screamingfrog-all-outlinks.csv": "screamingfrog",
        "semrush-backlinks.csv": "semrush",
    }


def test_vendor_forced(tmp_path: Path) -> None:
    assert read("gsc-latest-links-de.csv", vendor="gsc").vendor == "gsc"
    # Bing's backlinks header is also a subset of what other vendors write; forcing picks it
    path = write(
        tmp_path, "Source url,Target url,Anchor text\nhttps://a.example/,https://example.com/,x\n"
    )
    assert read_export(path).files[0].layout == "bing-backlinks"
    assert read_export(path, vendor="semrush").files[0].layout == "semrush-backlinks"
    assert read_export(path, vendor="semrush").rows[0].extra == {"Anchor text": "x"}
    with pytest.raises(
        ExportFormatError, match=r"header is that of an export from Ahrefs \(ahrefs-backlinks\)"
    ):
        read("ahrefs-backlinks.csv", vendor="semrush")


def test_vendor_validated() -> None:
    with pytest.raises(InvalidValueError, match="'ahrefs', 'semrush', 'moz'") as info:
        read("ahrefs-backlinks.csv", vendor="Ahrefs.com")
    assert not isinstance(info.value, ExportFormatError)
    with pytest.raises(InvalidInputError):
        read("ahrefs-backlinks.csv", vendor=3)
    assert VENDORS == ("ahrefs", "semrush", "moz", "majestic", "gsc", "bing", "screamingfrog")


def test_path_or_file_types(tmp_path: Path) -> None:
    path = SAMPLES["semrush-backlinks.csv"]
    as_str = read_export(str(path))
    with open(path, "rb") as handle:
        as_file = read_export(handle)
    as_text = read_export(io.StringIO(path.read_text("utf-8")))
    assert [r.source_url for r in as_file] == [r.source_url for r in as_str]
    assert [r.anchor for r in as_text] == [r.anchor for r in as_str]
    assert as_text.files[0].name == "<file>"
    assert as_text.files[0].encoding == "text"
    with pytest.raises(InvalidInputError):
        read_export(b"Source url,Target url\n")
    with pytest.raises(FileNotFoundError):
        read_export(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- encodings


HEADER = "Referring page URL\tTarget URL\tAnchor\n"
ROW = "https://a.example/ü\thttps://example.com/\tRucksäcke\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF16_LE + (HEADER + ROW).encode("utf-16-le"), "utf-16-le (BOM)"),
        (codecs.BOM_UTF16_BE + (HEADER + ROW).encode("utf-16-be"), "utf-16-be (BOM)"),
        ((HEADER + ROW).encode("utf-16-le"), "utf-16-le"),
        ((HEADER + ROW).encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF8 + (HEADER + ROW).encode("utf-8"), "utf-8 (BOM)"),
        ((HEADER + ROW).encode("utf-8"), "utf-8"),
        ((HEADER + ROW).encode("cp1252"), "cp1252 from line 2"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    exported = read_export(write(tmp_path, data))
    assert exported.files[0].encoding == encoding
    (row,) = exported.rows
    assert (row.source_url, row.anchor) == ("https://a.example/ü", "Rucksäcke")


def test_utf16_with_bytes_that_are_not_text_is_a_row_error(tmp_path: Path) -> None:
    good = (HEADER + ROW).encode("utf-16-le")
    bad = (
        "https://b.example/\thttps://example.com/\t".encode("utf-16-le")
        + b"\x00\xd8"
        + "x\n".encode("utf-16-le")
    )
    exported = read_export(
        write(tmp_path, codecs.BOM_UTF16_LE + good + bad + ROW.encode("utf-16-le"))
    )
    assert len(exported) == 2
    (error,) = exported.errors
    assert (error.line, error.column) == (3, 3)


def test_classic_mac_line_ends(tmp_path: Path) -> None:
    exported = read_export(write(tmp_path, (HEADER + ROW + ROW).replace("\n", "\r")))
    assert len(exported) == 2
    assert not exported.errors


# --------------------------------------------------------------------------- awkward rows


def test_unclosed_quote_does_not_swallow_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Source url,Target url,Anchor\n"
        "https://a.example/,https://example.com/,fine\n"
        'https://b.example/,https://example.com/,"never closed\n'
        "https://c.example/,https://example.com/,after\n"
        "https://d.example/,https://example.com/,last\n",
    )
    exported = read_export(path)
    assert [r.anchor for r in exported] == ["fine", "after", "last"]
    (error,) = exported.errors
    assert (error.line, error.column, error.column_name) == (3, 3, "Anchor")
    assert "not closed" in error.problem


def test_quoted_newline_inside_a_field_is_one_record(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'Source url,Target url,Anchor\nhttps://a.example/,https://example.com/,"two\nlines"\n'
        "https://b.example/,https://example.com/,next\n",
    )
    exported = read_export(path)
    assert [(r.anchor, r.line) for r in exported] == [("two\nlines", 2), ("next", 4)]


def test_wrong_field_counts_and_empty_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Source url,Target url,Anchor\n"
        "https://a.example/,https://example.com/,a,extra\n"
        "https://b.example/,https://example.com/\n"
        ",https://example.com/,no source\n"
        "\n"
        ",,\n"
        "   \n"
        "https://e.example/,https://example.com/,ok\n",
    )
    exported = read_export(path)
    assert [r.source_url for r in exported] == ["https://e.example/"]
    assert [(e.line, e.column, e.column_name) for e in exported.errors] == [
        (2, 4, None),
        (3, 3, "Anchor"),
        (4, 1, "Source url"),
    ]
    assert exported.errors[0].problem == "4 fields where the header has 3"


def test_bad_date_flag_and_count_name_their_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Source url;Target url;Nofollow;First seen;External links\n"
        "https://a.example/;https://example.com/;maybe;2026-01-01;1\n"
        "https://b.example/;https://example.com/;true;31/31/2026;1\n"
        "https://c.example/;https://example.com/;true;2026-01-01;1,2\n"
        "https://d.example/;https://example.com/;TRUE;1 Jan 2026;1.000\n",
    )
    exported = read_export(path)
    assert [(e.line, e.column_name) for e in exported.errors] == [
        (2, "Nofollow"),
        (3, "First seen"),
        (4, "External links"),
    ]
    (row,) = exported.rows
    assert (row.nofollow, row.first_seen, row.outbound_links) == (True, date(2026, 1, 1), 1000)


@pytest.mark.parametrize(
    "text",
    [
        "Report for:\nhttps://example.com/\n",  # a preamble, not a header
        "https://a.example/\nhttps://b.example/\n",  # no header at all
        "Seite\nhttps://a.example/\nnot a url\n",  # the second row does not fit
        "Website,Seiten,Ziele\nexample.com,12,3\nexample.org,x,4\n",
    ],
)
def test_shape_needs_a_header_and_rows_that_fit(tmp_path: Path, text: str) -> None:
    with pytest.raises(ExportFormatError):
        read_export(write(tmp_path, text))


def test_shape_reads_any_language(tmp_path: Path) -> None:
    exported = read_export(write(tmp_path, "Strona,Ostatnie\nhttps://a.example/,2026-01-02\n"))
    assert exported.files[0].layout == "gsc-latest-links"
    assert exported.rows[0].last_seen == date(2026, 1, 2)
    with pytest.raises(ExportFormatError):  # only Search Console is read by shape
        read_export(write(tmp_path, "Strona\nhttps://a.example/\n"), vendor="bing")


def test_hash_preamble_and_duplicate_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# Start date: 20260901\n# End date: 20260930\n\n"
        "Source url,Target url,Anchor,Anchor,\n"
        "https://a.example/,https://example.com/,one,two,three\n",
    )
    exported = read_export(path)
    assert exported.files[0].header_line == 4
    (row,) = exported.rows
    assert row.anchor == "one"
    assert row.extra == {"Anchor": "two", "column 5": "three"}


# --------------------------------------------------------------------------- not exports


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\n\n  \n", "is empty"),
        (b"hello,world\n1,2\n", "not a backlink export this reader knows"),
        (b"<html><body>not a csv</body></html>", "not a backlink export"),
        (b"PK\x03\x04garbage", "damaged zip"),
        (b"\xff\xfe" + b"\x00\xd8" * 50, "not a backlink export"),
    ],
)
def test_not_an_export_raises_one_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(ExportFormatError, match=message) as info:
        read_export(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, InvalidValueError)
    assert isinstance(info.value, ValueError)


def test_zips_that_hold_no_export(tmp_path: Path) -> None:
    xlsx = tmp_path / "links.xlsx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExportFormatError, match="Excel workbook"):
        read_export(xlsx)
    images = tmp_path / "images.zip"
    with zipfile.ZipFile(images, "w") as archive:
        archive.writestr("chart.png", b"\x89PNG")
    with pytest.raises(ExportFormatError, match=r"without any \.csv"):
        read_export(images)
    mixed = tmp_path / "mixed.zip"
    with zipfile.ZipFile(mixed, "w") as archive:
        archive.writestr("notes.txt", "just some notes\n")
        archive.writestr("links.csv", "Linking page\nhttps://a.example/\n")
    exported = read_export(mixed)
    assert len(exported) == 1
    (error,) = exported.errors
    assert (error.file, error.line) == (f"{mixed}/notes.txt", None)
    none = tmp_path / "none.zip"
    with zipfile.ZipFile(none, "w") as archive:
        archive.writestr("notes.txt", "just some notes\n")
    with pytest.raises(ExportFormatError, match=r"none\.zip/notes\.txt: not a backlink export"):
        read_export(none)
    both = tmp_path / "both.zip"
    with zipfile.ZipFile(both, "w") as archive:
        archive.writestr("a.csv", "just some notes\n")
        archive.writestr("b.csv", "more notes\n")
    with pytest.raises(ExportFormatError, match="no file in it is a backlink export") as info:
        read_export(both)
    assert "both.zip/a.csv" in str(info.value)
    assert "both.zip/b.csv" in str(info.value)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_but_the_documented_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "fuzz.csv")
    try:
        exported = read_export(path)
    except ExportFormatError:
        return
    assert isinstance(exported, ExportedBacklinks)


_HEADERS = [
    "Referring page URL\tTarget URL\tDomain rating\tNofollow\tFirst seen\tLost\tDrop reason\n",
    "SourceURL,AnchorText,SourceTrustFlow,TargetURL,FlagDeleted,DateLost\n",
    "Type,Source,Destination,Rel,Alt Text,Link Position\n",
    "Page ascore,Source url,Target url,Text,Image,Sitewide,Lost link\n",
    "Linking page,Last crawled\n",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.sampled_from(_HEADERS),
    body=st.lists(
        st.lists(
            st.one_of(
                st.text(alphabet='ab,"\t\r\n;.-/:01+ ', max_size=12),
                st.sampled_from(["https://a.example/", "2026-01-02", "45", "true", "nofollow"]),
            ),
            max_size=8,
        ),
        max_size=10,
    ),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_rows_after_a_known_header_never_raise(
    tmp_path: Path, header: str, body: list[list[str]], encoding: str
) -> None:
    delimiter = "\t" if "\t" in header else ","
    text = header + "".join(delimiter.join(cells) + "\n" for cells in body)
    path = write(tmp_path, text.encode(encoding, "replace"), "rows.csv")
    exported = read_export(path)
    for row in exported:
        assert attrs.evolve(row) == row
    for error in exported.errors:
        assert isinstance(error, ExportRowError)
        assert error.line is not None
        assert error.line >= 2


# --------------------------------------------------------------------------- views


def test_len_iter_repr_summary_html() -> None:
    exported = read("ahrefs-backlinks.csv")
    assert len(exported) == 8
    assert list(exported) == list(exported.rows)
    assert exported[0] is exported.rows[0]
    assert exported.summary == (
        "ahrefs: 8 rows from 1 file (ahrefs-backlinks, utf-16-le (BOM), tab), no errors"
    )
    assert repr(exported) == f"<ExportedBacklinks {exported.summary}>"
    html = exported._repr_html_(limit=3)
    assert html.count("<tr>") == 4  # the head and three rows
    assert "… and 5 more rows" in html
    assert "DR 62" in html
    assert "ahrefs-backlinks" in repr(exported.rows[0]) or "ahrefs" in repr(exported.rows[0])
    assert len(repr(exported.rows[0])) < 300
    majestic = read("majestic-backlinks.csv")
    assert majestic.summary.endswith("1 error")
    assert "AnchorText" in majestic._repr_html_()
    zipped = read("gsc-links.zip")
    assert zipped.summary == (
        "gsc: 10 rows from 2 files (gsc-top-linking-sites, gsc-latest-links), no errors"
    )


def test_rows_are_frozen_and_slotted() -> None:
    row = read("bing-backlinks.csv").rows[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.anchor = "changed"  # type: ignore[misc]
    assert not hasattr(row, "__dict__")


def test_exported_backlink_validates_when_built_by_hand() -> None:
    with pytest.raises(InvalidValueError, match=r"ExportedBacklink.dr=140"):
        ExportedBacklink(dr=140)
    with pytest.raises(InvalidInputError, match=r"ExportedBacklink.nofollow='yes'"):
        ExportedBacklink(nofollow="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="1 values for 0 extra columns"):
        ExportedBacklink(extra_values=("x",))
    row = ExportedBacklink(source_url="https://a.example/", extra_columns=["k"], extra_values=["v"])
    assert row.extra == {"k": "v"}
    assert row.ugc is None
    assert row.metrics == {}
    assert row.authority is None
    assert row.source_metrics() == SourceMetrics()


def test_public_names() -> None:
    for name in (
        "read_export",
        "ExportedBacklinks",
        "ExportedBacklink",
        "ExportFormatError",
    ):
        assert name in backlinkkit.__all__
        assert getattr(backlinkkit, name) is not None
    assert issubclass(ExportFormatError, InvalidValueError)


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-09-15", date(2026, 9, 15)),
        ("2026-09-15 07:02:36", date(2026, 9, 15)),
        ("2026-09-15T07:02:36Z", date(2026, 9, 15)),
        ("2026/09/15", date(2026, 9, 15)),
        ("Sep 15, 2026", date(2026, 9, 15)),
        ("September 15, 2026", date(2026, 9, 15)),
        ("15 Sep 2026", date(2026, 9, 15)),
        ("28/09/2026", date(2026, 9, 28)),
        ("09/28/2026", date(2026, 9, 28)),
        ("05/09/2026", date(2026, 9, 5)),
        ("15.09.2026", date(2026, 9, 15)),
        ("15.09.26", date(2026, 9, 15)),
        ("15. September 2026", date(2026, 9, 15)),
        ("15 sept. 2026", date(2026, 9, 15)),
        ("3 mars 2026", date(2026, 3, 3)),
        ("15 de septiembre de 2026", date(2026, 9, 15)),
        ("1. März 2026", date(2026, 3, 1)),
        ("", None),
        ("-", None),
    ],
)
def test_dates(cell: str, expected: date | None) -> None:
    assert day(cell) == expected


@pytest.mark.parametrize("cell", ["31/31/2026", "2026-02-30", "Smarch 3, 2026", "yesterday", "15"])
def test_not_dates(cell: str) -> None:
    with pytest.raises(CellError):
        day(cell)


def test_numbers_and_flags() -> None:
    assert [count(c) for c in ("0", "1,240", "1.240", "12,345,678", "1\u00a0240", "n/a")] == [
        0,
        1240,
        1240,
        12345678,
        1240,
        None,
    ]
    for bad in ("1,24", "1,2345", "-3", "1,240.5", "12a"):
        with pytest.raises(CellError):
            count(bad)
    assert [metric(c) for c in ("0", "100", "45.5", "45,5", "7 %")] == [0, 100, 45.5, 45.5, 7]
    for bad in ("100.1", "-1", "high"):
        with pytest.raises(CellError):
            metric(bad)
    assert [flag(c) for c in ("TRUE", "False", "Yes", "no", "1", "0", "+", "-", "")] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
        None,
    ]
    with pytest.raises(CellError):
        flag("maybe")
